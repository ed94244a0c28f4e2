#!/usr/bin/env bash
# Benchmark (not a test): a team's memory across retrospectives, on a file
# of many of them (10,000 by default): `debrief list`, `debrief search`,
# `debrief actions --open`, `actions --overdue` and `debrief stats`, each
# beside the sqlite3 shell running the equivalent query on the same file:
# wall time (median of 5) and instructions (callgrind, when valgrind is
# here).
#
# usage: bench/memory.sh path/to/debrief [retrospectives]
set -euo pipefail
bin=$(readlink -f "${1:?usage: $0 path/to/debrief [retrospectives]}")
n=${2:-10000}
command -v sqlite3 >/dev/null || { echo "memory.sh: sqlite3 is not installed" >&2; exit 1; }

dir=${MEMORY_DIR:-$(mktemp -d /tmp/debrief-memory.XXXXXX)}
[ -n "${MEMORY_DIR:-}" ] || trap 'rm -rf "$dir"' EXIT
db=$dir/memory.db
export DEBRIEF_NOW=1796515200 TZ=UTC XDG_CONFIG_HOME=$dir/config DEBRIEF_SYSCONFDIR=$dir/etc
"$bin" --db "$db" new "Seed" >/dev/null 2>&1

# Retrospectives, each with six events, three notes and three action items
# (the search index is kept by the schema's own triggers as they go in).
uuid="lower(hex(randomblob(4)))||'-'||lower(hex(randomblob(2)))||'-4'||substr(lower(hex(randomblob(2))),2)||'-'||substr('89ab',1+abs(random())%4,1)||substr(lower(hex(randomblob(2))),2)||'-'||lower(hex(randomblob(6)))"
sqlite3 -bail "$db" >/dev/null <<SQL
PRAGMA foreign_keys=ON;
BEGIN;
CREATE TEMP TABLE n AS WITH RECURSIVE s(j) AS (SELECT 1 UNION ALL SELECT j+1 FROM s WHERE j<$n) SELECT j FROM s;
INSERT INTO retro(id,title,incident_ref,severity,incident_date,status,stage,created_at,updated_at)
SELECT $uuid, 'Incident '||j||': '||CASE j%5 WHEN 0 THEN 'checkout failures' WHEN 1 THEN 'login latency'
  WHEN 2 THEN 'queue backlog' WHEN 3 THEN 'DNS resolution errors' ELSE 'disk full on the café cache' END,
  'INC-'||(10000+j), 'SEV'||(1+j%3), date('2023-01-01', '+'||(j%1000)||' days'), 'in-progress', 5,
  1700000000+j*600, 1700000000+j*600 FROM n;
CREATE TEMP TABLE r AS SELECT id, rowid AS k FROM retro WHERE title LIKE 'Incident %';
INSERT INTO event(id,retro_id,at,offset_min,kind,text,created_at,rev)
SELECT $uuid, r.id, 1700000000+r.k*600+m*60, 0,
  CASE m WHEN 1 THEN 'trigger' WHEN 2 THEN 'impact-start' WHEN 3 THEN 'detection' WHEN 4 THEN 'mitigation'
  WHEN 5 THEN 'resolution' ELSE 'other' END,
  'Step '||m||' of incident '||r.k||': the connection pool of service '||(r.k%40)||' ran dry', 1700000000, 1
FROM r, (SELECT 1 AS m UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6);
INSERT INTO note(id,retro_id,stage,role,body,created_at,offset_min,rev)
SELECT $uuid, r.id, 3, 'scribe', 'We learned that dashboards '||m||' were below the fold for team '||(r.k%30), 1700000000+m, 0, 1
FROM r, (SELECT 1 AS m UNION ALL SELECT 2 UNION ALL SELECT 3);
INSERT INTO action(id,retro_id,title,owner,due,type,priority,status,created_at,rev)
SELECT $uuid, r.id, 'Fix '||m||' for incident '||r.k, CASE m WHEN 1 THEN 'Priya' WHEN 2 THEN 'Marco' ELSE 'Dana' END,
  date('2026-06-01', '+'||((r.k*m)%400)||' days'), 'prevent', 2, CASE WHEN (r.k+m)%4=0 THEN 'open' ELSE 'done' END,
  1700000000+m, 1
FROM r, (SELECT 1 AS m UNION ALL SELECT 2 UNION ALL SELECT 3);
UPDATE retro SET status = 'closed', closed_at = updated_at WHERE id IN (SELECT id FROM r);
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
ANALYZE;
SQL

median_ms() { # median wall time of five runs, in ms
	local t=()
	for _ in 1 2 3 4 5; do
		local s e
		s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
		t+=($(( (e - s) / 1000 )))
	done
	printf '%s\n' "${t[@]}" | sort -n | sed -n 3p | awk '{ printf "%.1f", $1 / 1000 }'
}
instructions() {
	command -v valgrind >/dev/null || { echo "-"; return; }
	valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$@" >/dev/null 2>&1 || true
	awk '/^summary:/ { printf "%.1f M", $2 / 1e6 }' "$dir/cg.out"
	rm -f "$dir/cg.out"
}

# The shell's equivalents: the same index, the same rows.
search_sql="SELECT rowid % 8, snippet(search_words, 0, '«', '»', '…', 12) FROM search_words
  WHERE search_words MATCH '\"connection\"* \"pool\"*' LIMIT 200;"
open_sql="SELECT a.id, a.retro_id, a.status, a.due, a.owner, a.type, a.priority, a.title, r.title
  FROM action a JOIN retro r ON r.id = a.retro_id WHERE r.deleted_at = 0 AND a.status = 'open'
  ORDER BY a.due IS NULL, a.due, a.priority, a.created_at, a.rowid;"
overdue_sql="SELECT a.id, a.retro_id, a.status, a.due, a.owner, a.type, a.priority, a.title, r.title
  FROM action a JOIN retro r ON r.id = a.retro_id WHERE r.deleted_at = 0 AND a.status = 'open'
  AND a.due < '2026-12-06' ORDER BY a.due IS NULL, a.due, a.priority, a.created_at, a.rowid;"
list_sql="SELECT id, coalesce(incident_date, ''), status, n_events, n_open_actions, title,
  (SELECT group_concat(name, ', ') FROM (SELECT name FROM retro_label WHERE retro_id = retro.id AND kind = 'service' ORDER BY name)),
  (SELECT group_concat(name, ', ') FROM (SELECT name FROM retro_label WHERE retro_id = retro.id AND kind = 'tag' ORDER BY name))
  FROM retro WHERE deleted_at = 0
  ORDER BY coalesce(incident_date, date(created_at, 'unixepoch')) DESC, created_at DESC, id;"
# The figures by month: each retrospective's milestones, the durations
# measured from them, their lower medians and worsts a month, and the
# action items counted; the shell has no time zone, so dates are UTC's.
stats_sql="WITH e AS (SELECT retro_id, min(CASE kind WHEN 'impact-start' THEN at END) AS ist,
    min(CASE kind WHEN 'trigger' THEN at END) AS trig, min(CASE kind WHEN 'detection' THEN at END) AS det,
    min(CASE kind WHEN 'alert' THEN at END) AS alert, min(CASE kind WHEN 'mitigation' THEN at END) AS mit,
    min(CASE kind WHEN 'resolution' THEN at END) AS res, max(CASE kind WHEN 'impact-end' THEN at END) AS iend
  FROM event WHERE kind <> 'other' GROUP BY retro_id),
 d AS (SELECT substr(coalesce(r.incident_date, date(r.created_at, 'unixepoch')), 1, 7) AS p,
    coalesce(det, alert) - coalesce(ist, trig) AS ttd, mit - coalesce(ist, trig) AS ttm,
    res - coalesce(ist, trig) AS ttr, coalesce(iend, res) - ist AS imp
  FROM retro r LEFT JOIN e ON e.retro_id = r.id WHERE r.deleted_at = 0),
 f AS (SELECT p, 1 AS k, ttd AS x FROM d UNION ALL SELECT p, 2, ttm FROM d
  UNION ALL SELECT p, 3, ttr FROM d UNION ALL SELECT p, 4, imp FROM d),
 g AS (SELECT p, k, x, row_number() OVER (PARTITION BY p, k ORDER BY x) AS i,
  count(*) OVER (PARTITION BY p, k) AS n FROM f WHERE x IS NOT NULL)
SELECT p, k, n, max(CASE WHEN i = (n + 1) / 2 THEN x END), max(x) FROM g GROUP BY p, k;
SELECT substr(coalesce(r.incident_date, date(r.created_at, 'unixepoch')), 1, 7) AS p, r.severity, count(*)
  FROM retro r WHERE r.deleted_at = 0 GROUP BY p, r.severity;
SELECT substr(coalesce(r.incident_date, date(r.created_at, 'unixepoch')), 1, 7) AS p, count(*),
  sum(a.status = 'done'), sum(a.status = 'dropped'), sum(a.status = 'open' AND a.due < '2026-12-06'),
  sum(a.status = 'done' AND a.status_at > 0 AND date(a.status_at, 'unixepoch') <= a.due)
  FROM action a JOIN retro r ON r.id = a.retro_id WHERE r.deleted_at = 0 GROUP BY p;"

printf 'memory across %d retrospectives (%s MB file)\n' "$n" "$(du -m "$db" | cut -f1)"
printf '%-30s %12s %12s %14s %14s\n' "what" "debrief ms" "sqlite3 ms" "debrief instr" "sqlite3 instr"
row() {
	local what=$1 sql=$2; shift 2
	printf '%-30s %12s %12s %14s %14s\n' "$what" "$(median_ms "$bin" --db "$db" "$@")" \
		"$(median_ms sqlite3 "$db" "$sql")" "$(instructions "$bin" --db "$db" "$@")" \
		"$(instructions sqlite3 "$db" "$sql")"
}
row "list -f tsv" "$list_sql" list -f tsv
row "search connection pool" "$search_sql" search connection pool
row "actions --open -f tsv" "$open_sql" actions --open -f tsv
row "actions --overdue -f tsv" "$overdue_sql" actions --overdue -f tsv
row "stats (by month)" "$stats_sql" stats
