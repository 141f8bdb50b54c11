"""The prompt library: questions, follow-ups and messages as data, with selection and lint."""
