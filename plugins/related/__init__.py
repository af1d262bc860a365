"""Related: every article's list of related stories, scored on text, rare tags, section and time."""


def register() -> None:
    from .plugin import connect  # noqa: PLC0415 - Pelican imports the package before its settings are read

    connect()
