"""The summary that ends every ingest (pure): counts and line numbers only, never the text of a line."""

from __future__ import annotations

from .ingest import Report
from .ranking import iso


def summary(report: Report, db: str) -> str:
    tally = report.tally
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.phases.items() if seconds >= 0.05)
    lines = [f"Most read: ingested into {db} in {report.seconds:.1f} s" + (f" ({phases})" if phases else "")]
    for name, count in report.files:
        lines.append(f"  {name}: {count:,} lines")
    if report.files:
        skipped, rejected = tally.skipped, tally.rejected
        lines += [
            f"  lines read:               {tally.lines:,}",
            f"  views counted:            {report.views_added:+,} (article hits {tally.hits:,}; already ingested "
            f"{tally.hits - report.new_hits:,}; repeats within 30 s {report.repeats:,})",
            f"  bots and crawlers:        {skipped['bot']:,}",
            f"  not counted:              {skipped['not_article']:,} not an article, {skipped['status']:,} status "
            f"other than 200/304, {skipped['method']:,} not GET, {skipped['too_old']:,} older than the store keeps",
            f"  rejected:                 {sum(rejected.values()):,} ("
            + ", ".join(f"{reason.replace('_', ' ')} {n:,}" for reason, n in rejected.items())
            + ")",
        ]
        lines += [
            f"    first rejected: {src}:{line} ({why.replace('_', ' ')})" for src, line, why in tally.first_rejects
        ]
        if report.pruned:
            lines.append(f"  hits older than the store keeps, dropped: {report.pruned:,} (their hourly views stay)")
    csv = report.csv
    if csv.rows or any(csv.rejected.values()):
        lines.append(
            f"  analytics rows: {csv.rows:,}, views {csv.views:,}; set aside: "
            + ", ".join(f"{reason.replace('_', ' ')} {n:,}" for reason, n in csv.rejected.items())
        )
        lines += [
            f"    first set aside: {src}:{line} ({why.replace('_', ' ')})" for src, line, why in csv.first_rejects
        ]
    return "\n".join(lines + _future(report) + _rate(report))


def _rate(report: Report) -> list[str]:
    """How fast the logs were read and counted (the storing and recounting after it aside)."""
    reading = report.phases["reading"]
    if not report.files or reading <= 0:
        return []
    lines = report.tally.lines
    return [f"  parse rate:               {lines / reading:,.0f} lines/s ({lines:,} lines in {reading:.2f} s)"]


def _future(report: Report) -> list[str]:
    """Views dated after now, set aside in this run or dropped from the store."""
    lines = []
    ahead = [(found, what) for found, what in ((report.tally.future, "log line"), (report.csv.future, "analytics row"))]
    if any(found.count for found, _ in ahead):
        counts = [
            f"{found.count:,} {what}{'' if found.count == 1 else 's'} (first {found.first[0]}:{found.first[1]})"
            for found, what in ahead
            if found.first
        ]
        lines += [
            f"  dated after now, set aside: {', '.join(counts)}",
            f"    now is {iso(report.now)}, and MOST_READ_CLOCK_SKEW_MINUTES allows {report.skew_minutes} minutes "
            "more: check the clock of the server that wrote them",
        ]
    hits, hours, rows = report.dropped
    if hits or hours or rows:
        lines.append(
            f"  dated after now, dropped from the store: {hits:,} hits, {hours:,} hourly counts, {rows:,} analytics "
            "rows (stored by an older version; they no longer move the window)"
        )
    return lines
