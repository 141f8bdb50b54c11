"""`/checkin language es|en|auto` (`/checkin idioma`), and the Spanish words for every subcommand."""

from __future__ import annotations

from handlers.core.context import Ctx, member_language
from handlers.core.vocabulary import CoachingError, Reply
from prompts.library import fold
from prompts.messages import render, speaking

EXAMPLE = "/checkin language es"
# What people type for each choice, accents folded: "español", "espanol", "ingles", "automático".
CHOICES = {
    "es": "es",
    "espanol": "es",
    "spanish": "es",
    "castellano": "es",
    "en": "en",
    "english": "en",
    "ingles": "en",
    "auto": None,
    "automatico": None,
    "default": None,
}

# Spanish subcommands, per slash command, to the English word the routing table knows. Slash commands keep
# their names; what follows them may be said in either language.
SUBCOMMANDS_ES = {
    "checkin": {
        "ahora": "now",
        "hora": "time",
        "pausa": "pause",
        "pausar": "pause",
        "posponer": "snooze",
        "reanudar": "resume",
        "seguir": "resume",
        "parar": "stop",
        "detener": "stop",
        "silencio": "quiet",
        "turnos": "shifts",
        "momento": "timing",
        "temas": "themes",
        "zona": "zone",
        "perfil": "profile",
        "ajustes": "settings",
        "configuracion": "settings",
        "privacidad": "privacy",
        "exportar": "export",
        "borrar": "delete",
        "eliminar": "delete",
        "ayuda": "help",
        "idioma": "language",
        "lenguaje": "language",
    },
    "coach": {
        "pedir": "request",
        "solicitar": "request",
        "estado": "status",
        "cancelar": "cancel",
        "ayuda": "help",
        "disponible": "available",
        "clientes": "clients",
        "terminar": "done",
        "cerrar": "done",
        "lista": "roster",
        "estadisticas": "stats",
    },
    "nudge": {
        "agregar": "add",
        "anadir": "add",
        "lista": "list",
        "listar": "list",
        "vista": "preview",
        "previa": "preview",
        "pausa": "pause",
        "pausar": "pause",
        "reanudar": "resume",
        "borrar": "delete",
        "eliminar": "delete",
        "auditoria": "audit",
        "ayuda": "help",
        "informe": "report",
        "reporte": "report",
        "ajustes": "settings",
        "configuracion": "settings",
        "panel": "dashboard",
    },
}
# Words alone in a DM, as in English ("help", "pause"): the command and subcommand they stand for.
DM_WORDS_ES = {
    "ayuda": ("help", ""),
    "pausa": ("checkin", "pause"),
    "pausar": ("checkin", "pause"),
    "parar": ("checkin", "stop"),
    "detener": ("checkin", "stop"),
    "reanudar": ("checkin", "resume"),
    "seguir": ("checkin", "resume"),
    "privacidad": ("checkin", "privacy"),
    "idioma": ("checkin", "language"),
}


def subcommand(command: str, word: str) -> str:
    """The routing table's word for `word` under `command`: Spanish words become English, others stay."""
    return SUBCOMMANDS_ES.get(command, {}).get(fold(word.lower()), word)


def set_language(ctx: Ctx, args: str) -> list[Reply]:
    """Show the member's language, or set it: `es`, `en`, or `auto` to follow the chat app and workspace."""
    word = fold(args.strip().lower())
    if not word:
        return [Reply(render("language_current", lang_name=render(f"language_name_{ctx.language}")))]
    if word not in CHOICES:
        raise CoachingError(render("language_unknown", word=args.strip()), EXAMPLE)
    chosen = CHOICES[word]
    ctx.store.members.update_member(ctx.ws_id, ctx.member.id, language=chosen)
    ctx = ctx.refreshed()
    now_speaking = member_language(ctx.member, ctx.workspace, locale=ctx.incoming.actor.locale)
    with speaking(now_speaking):  # the answer is already in the language just chosen
        name = render(f"language_name_{now_speaking}")
        message = "language_auto" if chosen is None else "language_set"
        return [Reply(render(message, lang_name=name))]
