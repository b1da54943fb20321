"""The count fields of data-contract section 3, computed by DuckDB in SQL.

The reference the pipeline benchmark compares against (speed and result):
every unit version at every level, every month from the first to the last
month any dossier is received or resolved in, roll-ups to districts and
provinces.

usage: duckdb_indicators.py INPUT_DIR OUT.csv

Written the way an analyst would use DuckDB: its own CSV type detection for
dates, no validation beyond what the computation needs, identical duplicate
rows collapsed with DISTINCT (the contract collapses them too). Output:
unit_code, month, then the 18 count fields in the contract's order.

Units over time (contract section 1), reproduced in full:
* a row of units.csv with valid_from/valid_to is a unit version (id
  `CODE@YYYY-MM-DD` when valid_from is given, else the code); its parent is
  the version of parent_code valid for its whole life; a version has a
  record only in the months it is valid;
* a dossier belongs to the version of its unit_code valid on received_on:
  its received counts and services_used stay there;
* once that version has ended, the dossier is held by its heir: the one
  successor when unit_changes.csv has exactly one row from it; otherwise
  (divided, or no row, as districts) the pool `<province>~divided` of the
  new province (the successors' province, or the province's heir). Results,
  pending and overdue stocks and carried_over are counted at the holder of
  each month, so a province's figures count every dossier once.
The heir is looked up once: heirs are assumed to be open-ended (one change
date, as in the reference lists). Inputs without validity columns or
unit_changes.csv are the plain case: every unit valid for all time.
"""

import csv
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


def units_source(folder):
    """units.csv with its optional validity columns as dates (NULL = open)."""
    path = os.path.join(folder, "units.csv")
    with open(path, encoding="utf-8-sig") as f:
        header = [c.strip() for c in next(csv.reader(f))]
    date = ("coalesce(try_strptime(NULLIF(trim({0}), ''), '%Y-%m-%d'), "
            "try_strptime(NULLIF(trim({0}), ''), '%d/%m/%Y'))::DATE")
    valid = [date.format(c) if c in header else "NULL::DATE" for c in ("valid_from", "valid_to")]
    return f"""
        SELECT unit_code, level, NULLIF(trim(parent_code), '') AS parent_code,
               {valid[0]} AS valid_from, {valid[1]} AS valid_to
        FROM read_csv('{path}', all_varchar=true, header=true)"""


def changes_source(folder):
    """unit_changes.csv, or no rows."""
    path = os.path.join(folder, "unit_changes.csv")
    if not os.path.exists(path):
        return "SELECT NULL::VARCHAR AS old_code, NULL::VARCHAR AS new_code, NULL::DATE AS eff WHERE false"
    return f"""
        SELECT old_code, new_code,
               coalesce(try_strptime(effective_on, '%Y-%m-%d'),
                        try_strptime(effective_on, '%d/%m/%Y'))::DATE AS eff
        FROM read_csv('{path}', all_varchar=true, header=true)"""


def query(folder):
    procedures = os.path.join(folder, "procedures.csv")
    # month numbers: year * 12 + month - 1; OPEN is a month after any data
    mon = "(year({0}) * 12 + month({0}) - 1)"
    return f"""
WITH RECURSIVE
raw AS ({units_source(folder)}),
ver AS (                                            -- unit versions
    SELECT unit_code, level, parent_code,
           CASE WHEN valid_from IS NULL THEN unit_code
                ELSE unit_code || '@' || strftime(valid_from, '%Y-%m-%d') END AS id,
           coalesce({mon.format('valid_from')}, -1) AS vf,
           coalesce({mon.format('valid_to')}, 1000000) AS vt
    FROM raw),
verp AS (                                           -- with the parent's version
    SELECT v.*, p.id AS parent_id
    FROM ver v LEFT JOIN ver p ON p.unit_code = v.parent_code AND p.vf <= v.vf AND p.vt >= v.vt),
chg AS (
    SELECT o.id AS old_id, n.id AS new_id
    FROM ({changes_source(folder)}) c
    JOIN ver o ON o.unit_code = c.old_code AND o.vt = {mon.format('c.eff')} - 1
    JOIN ver n ON n.unit_code = c.new_code AND n.vf = {mon.format('c.eff')}),
vanc(id, anc_id) AS (
    SELECT id, id FROM verp
    UNION ALL
    SELECT a.id, v.parent_id FROM vanc a JOIN verp v ON v.id = a.anc_id WHERE v.parent_id IS NOT NULL),
root AS (SELECT a.id, a.anc_id AS prov FROM vanc a JOIN verp v ON v.id = a.anc_id WHERE v.level = 'province'),
nsucc AS (SELECT old_id, count(*) AS n, min(new_id) AS one FROM chg GROUP BY old_id),
ended AS (                                          -- heirs of versions that end
    SELECT v.id, v.level, v.vt, coalesce(s.n, 0) AS n, s.one, r.prov
    FROM verp v LEFT JOIN nsucc s ON s.old_id = v.id JOIN root r ON r.id = v.id
    WHERE v.vt < 1000000),
pool_of AS (                                        -- the new province whose pool takes them
    SELECT e.id,
           CASE WHEN e.n >= 2 THEN (SELECT min(r.prov) FROM chg c JOIN root r ON r.id = c.new_id
                                    WHERE c.old_id = e.id)
                WHEN p.vt > e.vt THEN e.prov
                ELSE ps.one END AS prov
    FROM ended e JOIN verp p ON p.id = e.prov LEFT JOIN nsucc ps ON ps.old_id = e.prov
    WHERE e.n <> 1 AND NOT (e.level = 'province' AND e.n = 0)),
pools AS (
    SELECT DISTINCT v.id || '~divided' AS id, v.unit_code || '~divided' AS unit_code,
           'commune' AS level, v.id AS parent_id, v.vf, v.vt
    FROM pool_of p JOIN verp v ON v.id = p.prov),
heir AS (
    SELECT id, one AS heir FROM ended WHERE n = 1
    UNION ALL SELECT id, prov || '~divided' FROM pool_of),
units AS (
    SELECT id, unit_code, level, parent_id, vf, vt FROM verp
    UNION ALL SELECT * FROM pools),
anc(id, anc_id) AS (                                -- each version with itself and its ancestors
    SELECT id, id FROM units
    UNION ALL
    SELECT a.id, u.parent_id FROM anc a JOIN units u ON u.id = a.anc_id WHERE u.parent_id IS NOT NULL),
procs AS (
    SELECT procedure_code, unit_level,
           CASE online_level WHEN 'partial' THEN 3 WHEN 'full' THEN 4
                ELSE CAST(online_level AS INTEGER) END AS online_level,
           CAST(NULLIF(trim(online_since), '') AS DATE) AS since
    FROM read_csv('{procedures}', all_varchar=true, header=true)),
d AS (
    SELECT x.*, v.id AS rv, v.vt AS rv_to, h.heir,
           {mon.format('received_on')} AS recv_m, {mon.format('due_on')} AS due_m,
           {mon.format('resolved_on')} AS res_m,
           (due_on = last_day(due_on))::INTEGER AS due_end,
           CASE WHEN p.since IS NULL OR p.since <= received_on THEN p.online_level ELSE 2 END AS lvl
    FROM ({dossier_source(folder)}) x JOIN procs p USING (procedure_code)
    JOIN ver v ON v.unit_code = x.unit_code
              AND {mon.format('x.received_on')} BETWEEN v.vf AND v.vt
    LEFT JOIN heir h ON h.id = v.id),
bounds AS (SELECT min(recv_m) AS first, greatest(max(recv_m), coalesce(max(res_m), 0)) AS last FROM d),
months AS (SELECT range AS m FROM bounds, range(bounds.first, bounds.last + 1)),
recv AS (
    SELECT rv AS id, recv_m AS m, count(*) AS received_total,
           count(*) FILTER (channel = 'online') AS received_online,
           count(*) FILTER (channel = 'postal') AS received_postal,
           count(*) FILTER (channel = 'online' AND lvl = 3) AS level3_dossiers,
           count(*) FILTER (channel = 'online' AND lvl = 4) AS level4_dossiers
    FROM d GROUP BY ALL),
res AS (
    SELECT CASE WHEN res_m <= rv_to THEN rv ELSE heir END AS id, res_m AS m,
           count(*) AS resolved_total,
           count(*) FILTER (resolved_on < due_on) AS resolved_early,
           count(*) FILTER (resolved_on = due_on) AS resolved_on_time,
           count(*) FILTER (resolved_on > due_on) AS resolved_late,
           count(*) FILTER (resolved_on > due_on AND apology) AS late_with_apology,
           count(*) FILTER (rating IS NOT NULL AND rating <> '') AS rated_total,
           count(*) FILTER (rating IN ('satisfied', 'very_satisfied')) AS rated_satisfied
    FROM d WHERE resolved_on IS NOT NULL GROUP BY ALL),
-- pending at the end of months recv_m .. pend_end, overdue from od_start,
-- carried over into months recv_m + 1 .. pend_end + 1
spans AS (
    SELECT rv, rv_to, heir, recv_m,
           CASE WHEN res_m IS NULL THEN (SELECT last FROM bounds) ELSE res_m - 1 END AS pend_end,
           greatest(recv_m, due_m + due_end) AS od_start
    FROM d),
kinds AS (                                          -- (kind, first, last) of each dossier
    SELECT rv, rv_to, heir, 'p' AS kind, recv_m AS a, pend_end AS b FROM spans
    UNION ALL SELECT rv, rv_to, heir, 'o', od_start, pend_end FROM spans
    UNION ALL SELECT rv, rv_to, heir, 'c', recv_m + 1, least(pend_end + 1, (SELECT last FROM bounds)) FROM spans),
segments AS (                                       -- split at the end of the receiving version
    SELECT rv AS id, kind, a, least(b, rv_to) AS b FROM kinds WHERE a <= least(b, rv_to)
    UNION ALL
    SELECT heir, kind, greatest(a, rv_to + 1), b FROM kinds WHERE greatest(a, rv_to + 1) <= b),
events AS (
    SELECT id, a AS m, kind, 1 AS n FROM segments
    UNION ALL SELECT id, b + 1, kind, -1 FROM segments),
event_sums AS (
    SELECT id, m, sum(n) FILTER (kind = 'p') AS p, sum(n) FILTER (kind = 'o') AS o,
           sum(n) FILTER (kind = 'c') AS c
    FROM events GROUP BY ALL),
used AS (
    SELECT a.anc_id AS id, d.recv_m AS m, count(DISTINCT d.procedure_code) AS services_used
    FROM d JOIN anc a ON a.id = d.rv
    WHERE d.channel = 'online' AND d.lvl >= 3 GROUP BY ALL),
own AS (                                            -- every version × month it is valid, own dossiers
    SELECT u.id, months.m,
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
           coalesce(e.p, 0) AS pend_event, coalesce(e.o, 0) AS od_event,
           coalesce(e.c, 0) AS carried_event
    FROM units u JOIN months ON months.m BETWEEN u.vf AND u.vt
    LEFT JOIN recv ON recv.id = u.id AND recv.m = months.m
    LEFT JOIN res ON res.id = u.id AND res.m = months.m
    LEFT JOIN event_sums e ON e.id = u.id AND e.m = months.m),
rolled AS (
    SELECT a.anc_id AS id, o.m,
           sum(received_total) AS received_total, sum(received_online) AS received_online,
           sum(received_postal) AS received_postal, sum(resolved_total) AS resolved_total,
           sum(resolved_early) AS resolved_early, sum(resolved_on_time) AS resolved_on_time,
           sum(resolved_late) AS resolved_late, sum(late_with_apology) AS late_with_apology,
           sum(rated_total) AS rated_total, sum(rated_satisfied) AS rated_satisfied,
           sum(level3_dossiers) AS level3_dossiers, sum(level4_dossiers) AS level4_dossiers,
           sum(pend_event) AS pend_event, sum(od_event) AS od_event,
           sum(carried_event) AS carried_event
    FROM own o JOIN anc a USING (id) GROUP BY ALL),
stocks AS (
    SELECT *,
           sum(pend_event) OVER w AS pending_total,
           sum(od_event) OVER w AS pending_overdue,
           sum(carried_event) OVER w AS carried_over
    FROM rolled WINDOW w AS (PARTITION BY id ORDER BY m ROWS UNBOUNDED PRECEDING)),
-- procedure levels handled by each version or a version below it
levels_within AS (SELECT DISTINCT a.anc_id AS id, u.level FROM anc a JOIN units u USING (id)),
month_ends AS (SELECT m, last_day(make_date(m // 12, m % 12 + 1, 1)) AS e FROM months),
proc_levels AS (
    SELECT me.m, p.procedure_code, p.unit_level,
           CASE WHEN p.since IS NULL OR p.since <= me.e THEN p.online_level ELSE 2 END AS lvl
    FROM procs p CROSS JOIN month_ends me),
offered AS (
    SELECT lw.id, pl.m,
           count(DISTINCT pl.procedure_code) FILTER (pl.lvl = 3) AS level3_services,
           count(DISTINCT pl.procedure_code) FILTER (pl.lvl = 4) AS level4_services
    FROM levels_within lw JOIN proc_levels pl ON pl.unit_level = lw.level GROUP BY ALL)
SELECT u.unit_code,
       printf('%04d-%02d', s.m // 12, s.m % 12 + 1) AS month,
       s.received_total, s.received_online, s.received_postal, s.carried_over,
       s.resolved_total, s.resolved_early, s.resolved_on_time, s.resolved_late,
       s.pending_total, s.pending_overdue, s.late_with_apology, s.rated_total, s.rated_satisfied,
       coalesce(o.level3_services, 0) AS level3_services,
       coalesce(o.level4_services, 0) AS level4_services,
       s.level3_dossiers, s.level4_dossiers,
       coalesce(used.services_used, 0) AS services_used
FROM stocks s
JOIN units u USING (id)
LEFT JOIN offered o ON o.id = s.id AND o.m = s.m
LEFT JOIN used ON used.id = s.id AND used.m = s.m
ORDER BY u.unit_code, s.m
"""


def main():
    folder, out = sys.argv[1], sys.argv[2]
    con = duckdb.connect()
    con.execute(f"COPY ({query(folder)}) TO '{out}' (HEADER, DELIMITER ',')")


if __name__ == "__main__":
    main()
