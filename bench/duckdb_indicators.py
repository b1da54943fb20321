"""The count fields of data-contract section 3, computed by DuckDB in SQL.

The reference the pipeline benchmark compares against (speed and result):
every unit at every level, every month from the first to the last month any
dossier is received or resolved in, roll-ups to districts and provinces.

usage: duckdb_indicators.py INPUT_DIR OUT.csv

Written the way an analyst would use DuckDB: its own CSV type detection for
dates, no validation beyond what the computation needs, identical duplicate
rows collapsed with DISTINCT (the contract collapses them too). Output:
unit_code, month, then the 18 count fields in the contract's order.
"""

import os
import sys

import duckdb

FIELDS = [
    "received_total", "received_online", "received_postal", "carried_over",
    "resolved_total", "resolved_early", "resolved_on_time", "resolved_late",
    "pending_total", "pending_overdue", "late_with_apology", "rated_total",
    "rated_satisfied", "level3_services", "level4_services", "level3_dossiers",
    "level4_dossiers", "services_used",
]


def dossier_source(folder):
    """The dossiers as a relation with typed dates."""
    parquet = os.path.join(folder, "dossiers.parquet")
    if os.path.exists(parquet):
        raw = f"read_parquet('{parquet}')"
    else:
        path = os.path.join(folder, "dossiers.csv")
        raw = (
            f"read_csv('{path}', header=true, types={{'dossier_id': 'VARCHAR', "
            "'unit_code': 'VARCHAR', 'procedure_code': 'VARCHAR', 'channel': 'VARCHAR', "
            "'received_on': 'DATE', 'due_on': 'DATE', 'resolved_on': 'DATE', "
            "'apology_issued': 'VARCHAR', 'rating': 'VARCHAR'})"
        )
    return f"""
        SELECT DISTINCT dossier_id, unit_code, procedure_code, channel,
               CAST(received_on AS DATE) AS received_on, CAST(due_on AS DATE) AS due_on,
               CAST(resolved_on AS DATE) AS resolved_on,
               lower(apology_issued) = 'true' AS apology, rating
        FROM {raw}"""


def query(folder):
    units = os.path.join(folder, "units.csv")
    procedures = os.path.join(folder, "procedures.csv")
    # month numbers: year * 12 + month - 1
    mon = "(year({0}) * 12 + month({0}) - 1)"
    return f"""
WITH RECURSIVE
units AS (SELECT * FROM read_csv('{units}', all_varchar=true, header=true)),
procs AS (
    SELECT procedure_code, unit_level,
           CASE online_level WHEN 'partial' THEN 3 WHEN 'full' THEN 4
                ELSE CAST(online_level AS INTEGER) END AS online_level,
           CAST(NULLIF(trim(online_since), '') AS DATE) AS since
    FROM read_csv('{procedures}', all_varchar=true, header=true)),
anc(unit_code, anc_code) AS (                       -- each unit with itself and its ancestors
    SELECT unit_code, unit_code FROM units
    UNION ALL
    SELECT a.unit_code, u.parent_code FROM anc a JOIN units u ON u.unit_code = a.anc_code
    WHERE coalesce(u.parent_code, '') <> ''),
d AS (
    SELECT x.*, {mon.format('received_on')} AS recv_m, {mon.format('due_on')} AS due_m,
           {mon.format('resolved_on')} AS res_m,
           (due_on = last_day(due_on))::INTEGER AS due_end,
           CASE WHEN p.since IS NULL OR p.since <= received_on THEN p.online_level ELSE 2 END AS lvl
    FROM ({dossier_source(folder)}) x JOIN procs p USING (procedure_code)),
bounds AS (SELECT min(recv_m) AS first, greatest(max(recv_m), coalesce(max(res_m), 0)) AS last FROM d),
months AS (SELECT range AS m FROM bounds, range(bounds.first, bounds.last + 1)),
recv AS (
    SELECT unit_code, recv_m AS m, count(*) AS received_total,
           count(*) FILTER (channel = 'online') AS received_online,
           count(*) FILTER (channel = 'postal') AS received_postal,
           count(*) FILTER (channel = 'online' AND lvl = 3) AS level3_dossiers,
           count(*) FILTER (channel = 'online' AND lvl = 4) AS level4_dossiers
    FROM d GROUP BY ALL),
res AS (
    SELECT unit_code, res_m AS m, count(*) AS resolved_total,
           count(*) FILTER (resolved_on < due_on) AS resolved_early,
           count(*) FILTER (resolved_on = due_on) AS resolved_on_time,
           count(*) FILTER (resolved_on > due_on) AS resolved_late,
           count(*) FILTER (resolved_on > due_on AND apology) AS late_with_apology,
           count(*) FILTER (rating IS NOT NULL AND rating <> '') AS rated_total,
           count(*) FILTER (rating IN ('satisfied', 'very_satisfied')) AS rated_satisfied
    FROM d WHERE resolved_on IS NOT NULL GROUP BY ALL),
-- pending at the end of months recv_m .. pend_end; overdue from od_start
spans AS (
    SELECT unit_code, recv_m,
           CASE WHEN res_m IS NULL THEN (SELECT last FROM bounds) ELSE res_m - 1 END AS pend_end,
           greatest(recv_m, due_m + due_end) AS od_start
    FROM d),
events AS (
    SELECT unit_code, recv_m AS m, 1 AS p, 0 AS o FROM spans WHERE pend_end >= recv_m
    UNION ALL SELECT unit_code, pend_end + 1, -1, 0 FROM spans WHERE pend_end >= recv_m
    UNION ALL SELECT unit_code, od_start, 0, 1 FROM spans WHERE pend_end >= od_start
    UNION ALL SELECT unit_code, pend_end + 1, 0, -1 FROM spans WHERE pend_end >= od_start),
event_sums AS (SELECT unit_code, m, sum(p) AS p, sum(o) AS o FROM events GROUP BY ALL),
used AS (
    SELECT a.anc_code AS unit_code, d.recv_m AS m, count(DISTINCT d.procedure_code) AS services_used
    FROM d JOIN anc a USING (unit_code)
    WHERE d.channel = 'online' AND d.lvl >= 3 GROUP BY ALL),
own AS (                                            -- every unit × month, own dossiers
    SELECT u.unit_code, months.m,
           coalesce(recv.received_total, 0) AS received_total,
           coalesce(recv.received_online, 0) AS received_online,
           coalesce(recv.received_postal, 0) AS received_postal,
           coalesce(res.resolved_total, 0) AS resolved_total,
           coalesce(res.resolved_early, 0) AS resolved_early,
           coalesce(res.resolved_on_time, 0) AS resolved_on_time,
           coalesce(res.resolved_late, 0) AS resolved_late,
           coalesce(res.late_with_apology, 0) AS late_with_apology,
           coalesce(res.rated_total, 0) AS rated_total,
           coalesce(res.rated_satisfied, 0) AS rated_satisfied,
           coalesce(recv.level3_dossiers, 0) AS level3_dossiers,
           coalesce(recv.level4_dossiers, 0) AS level4_dossiers,
           coalesce(e.p, 0) AS pend_event, coalesce(e.o, 0) AS od_event
    FROM units u CROSS JOIN months
    LEFT JOIN recv ON recv.unit_code = u.unit_code AND recv.m = months.m
    LEFT JOIN res ON res.unit_code = u.unit_code AND res.m = months.m
    LEFT JOIN event_sums e ON e.unit_code = u.unit_code AND e.m = months.m),
rolled AS (
    SELECT a.anc_code AS unit_code, o.m,
           sum(received_total) AS received_total, sum(received_online) AS received_online,
           sum(received_postal) AS received_postal, sum(resolved_total) AS resolved_total,
           sum(resolved_early) AS resolved_early, sum(resolved_on_time) AS resolved_on_time,
           sum(resolved_late) AS resolved_late, sum(late_with_apology) AS late_with_apology,
           sum(rated_total) AS rated_total, sum(rated_satisfied) AS rated_satisfied,
           sum(level3_dossiers) AS level3_dossiers, sum(level4_dossiers) AS level4_dossiers,
           sum(pend_event) AS pend_event, sum(od_event) AS od_event
    FROM own o JOIN anc a USING (unit_code) GROUP BY ALL),
stocks AS (
    SELECT *,
           sum(pend_event) OVER w AS pending_total,
           sum(od_event) OVER w AS pending_overdue
    FROM rolled WINDOW w AS (PARTITION BY unit_code ORDER BY m ROWS UNBOUNDED PRECEDING)),
-- procedure levels handled by each unit or a unit below it
levels_within AS (SELECT DISTINCT a.anc_code AS unit_code, u.level FROM anc a JOIN units u USING (unit_code)),
month_ends AS (SELECT m, last_day(make_date(m // 12, m % 12 + 1, 1)) AS e FROM months),
proc_levels AS (
    SELECT me.m, p.procedure_code, p.unit_level,
           CASE WHEN p.since IS NULL OR p.since <= me.e THEN p.online_level ELSE 2 END AS lvl
    FROM procs p CROSS JOIN month_ends me),
offered AS (
    SELECT lw.unit_code, pl.m,
           count(DISTINCT pl.procedure_code) FILTER (pl.lvl = 3) AS level3_services,
           count(DISTINCT pl.procedure_code) FILTER (pl.lvl = 4) AS level4_services
    FROM levels_within lw JOIN proc_levels pl ON pl.unit_level = lw.level GROUP BY ALL)
SELECT s.unit_code,
       printf('%04d-%02d', s.m // 12, s.m % 12 + 1) AS month,
       s.received_total, s.received_online, s.received_postal,
       coalesce(lag(s.pending_total) OVER (PARTITION BY s.unit_code ORDER BY s.m), 0) AS carried_over,
       s.resolved_total, s.resolved_early, s.resolved_on_time, s.resolved_late,
       s.pending_total, s.pending_overdue, s.late_with_apology, s.rated_total, s.rated_satisfied,
       coalesce(o.level3_services, 0) AS level3_services,
       coalesce(o.level4_services, 0) AS level4_services,
       s.level3_dossiers, s.level4_dossiers,
       coalesce(used.services_used, 0) AS services_used
FROM stocks s
LEFT JOIN offered o ON o.unit_code = s.unit_code AND o.m = s.m
LEFT JOIN used ON used.unit_code = s.unit_code AND used.m = s.m
ORDER BY s.unit_code, s.m
"""


def main():
    folder, out = sys.argv[1], sys.argv[2]
    con = duckdb.connect()
    con.execute(f"COPY ({query(folder)}) TO '{out}' (HEADER, DELIMITER ',')")


if __name__ == "__main__":
    main()
