"""Most read: page views from access logs or analytics exports, ranked into the sidebar list."""


def register() -> None:
    # Imported here, not at the top: the ingest command uses this package without Pelican.
    from .plugin import connect  # noqa: PLC0415

    connect()
