"""The Teams app package: manifest.json (schema v1.30), a 192x192 colour icon and a 32x32 outline icon, zipped."""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from pathlib import Path

from bot.config import ConfigError, Settings

MANIFEST_VERSION = "1.30"
ACCENT = "#2F5D62"
GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
PERSONAL_COMMANDS = [
    ("checkin", "A check-in now; also: checkin pause 7d, checkin time 07:30, checkin settings"),
    ("coach", "Ask for a trained peer coach; also: coach status, coach cancel"),
    ("nudge", "Program admins: nudge add, nudge list, nudge preview, nudge report"),
    ("help", "Everything microcoach can do, and who sees what"),
]
TEAM_COMMANDS = [("nudge", "Program admins: nudge list, nudge report"), ("help", "What microcoach is")]


def manifest(app_id: str, *, version: str = "1.0.0", domain: str = "example.org") -> dict:
    """manifest.json for the bot `app_id` (the Azure Bot registration's MicrosoftAppId)."""
    site = f"https://{domain}"
    return {
        "$schema": f"https://developer.microsoft.com/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.schema.json",
        "manifestVersion": MANIFEST_VERSION,
        "version": version,
        # A stable app id derived from the bot id, so rebuilding the package updates the same app.
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"microcoach:{app_id}")),
        "developer": {"name": "microcoach", "websiteUrl": site, "privacyUrl": f"{site}/privacy",
                      "termsOfUseUrl": f"{site}/terms"},
        "name": {"short": "microcoach", "full": "microcoach: peer coaching for clinicians"},
        "description": {
            "short": "Short coaching check-ins, and a human peer coach when you want one.",
            "full": ("microcoach sends clinicians one short, open coaching question at a time, at their own local "
                     "time, and connects anyone who asks with a trained peer coach from another department. What "
                     "people write is theirs: encrypted, never shown to admins, deleted on request. Admins see only "
                     "totals over groups of five or more. If someone writes about being in crisis, microcoach "
                     "answers at once with the 988 Lifeline, the Crisis Text Line and the Physician Support Line."),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT,
        "bots": [{
            "botId": app_id,
            "scopes": ["personal", "team", "groupChat"],
            "isNotificationOnly": False,
            "supportsFiles": False,
            "commandLists": [
                {"scopes": ["personal"], "commands": _commands(PERSONAL_COMMANDS)},
                {"scopes": ["team", "groupChat"], "commands": _commands(TEAM_COMMANDS)},
            ],
        }],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [domain],
    }  # fmt: skip


def _commands(pairs: list[tuple[str, str]]) -> list[dict]:
    return [{"title": title, "description": description} for title, description in pairs]


def build_package(settings: Settings, out: str | Path, *, domain: str = "example.org") -> Path:
    """Write the zip Teams admins upload (Teams admin center, or Apps > Manage your apps > Upload)."""
    app_id = settings.microsoft_app_id
    if not GUID.match(app_id or ""):
        raise ConfigError([f"MicrosoftAppId must be the bot's app id (a GUID such as "
                           f"00000000-0000-0000-0000-000000000000), not {app_id!r}"])  # fmt: skip
    path = Path(out)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("manifest.json", json.dumps(manifest(app_id, domain=domain), indent=2))
        package.writestr("color.png", icon(192, outline=False))
        package.writestr("outline.png", icon(32, outline=True))
    return path


def icon(size: int, *, outline: bool) -> bytes:
    """A ring and a dot (a conversation, and someone listening): full colour, or white on transparent."""
    from matplotlib.figure import Figure  # Figure, not pyplot: no global state, safe in a server
    from matplotlib.patches import Circle

    figure = Figure(figsize=(1, 1), dpi=size)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.axis("off")
    colour = "white" if outline else "#F4F1DE"
    if not outline:
        figure.patch.set_facecolor(ACCENT)
    axes.add_patch(Circle((0.5, 0.5), 0.34, fill=False, linewidth=size / 16, edgecolor=colour))
    axes.add_patch(Circle((0.5, 0.5), 0.1, color=colour))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=size, transparent=outline, facecolor=figure.get_facecolor())
    return buffer.getvalue()
