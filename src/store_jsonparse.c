/* Reading a JSON array of objects with SQLite's JSON functions.
 *
 * SQLite 3.40 can say whether a document is valid but not where it breaks,
 * and a user fixing a hand-edited timeline needs a line number. So a small
 * scanner walks the top-level array (strings, escapes, nesting) to find where
 * each element starts; SQLite then validates and reads each element on its
 * own, and the first bad element gives the line.
 *
 * Messages put in struct err by this file start with "LINE: " (1-based), so
 * the caller can put the file name in front: "NAME:LINE: ...". */
#include "store_internal.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deeper than any timeline needs; bounds the scanner's stack. */
#define JSON_MAX_DEPTH 512

struct json_span {
	size_t off, len;
	int line;
};

struct json_scan {
	const char *s;
	size_t len, pos;
	int line;      /* line of s[pos] */
	int last_line; /* line of the last non-blank character */
	size_t depth;
	char stack[JSON_MAX_DEPTH];
	struct err *e;
};

/* The statements of one call, on a private in-memory connection. */
struct json_db {
	sqlite3 *db;
	sqlite3_stmt *check; /* element's type, NULL when not valid JSON */
	sqlite3_stmt *each;  /* the members of an object */
};

static bool json_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void json_scan_skip_blanks(struct json_scan *sc)
{
	while (sc->pos < sc->len && json_is_blank(sc->s[sc->pos])) {
		if (sc->s[sc->pos] == '\n')
			sc->line++;
		sc->pos++;
	}
}

static int json_line_at(const char *s, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += s[i] == '\n';
	return line;
}

static const char *json_found(char c)
{
	switch (c) {
	case '{':
		return "an object";
	case '"':
		return "a string";
	case 't':
	case 'f':
		return "true or false";
	case 'n':
		return "null";
	default:
		if (c == '-' || (c >= '0' && c <= '9'))
			return "a number";
		return "something that is not JSON";
	}
}

/* s[pos] is the opening quote. A raw line break cannot occur inside a JSON
 * string, so a string still open at the end of its line is where the
 * document breaks. */
static int json_scan_string(struct json_scan *sc)
{
	sc->pos++;
	while (sc->pos < sc->len) {
		char c = sc->s[sc->pos];
		if (c == '"') {
			sc->pos++;
			return 0;
		}
		if (c == '\n')
			break;
		if (c == '\\') {
			if (sc->pos + 1 < sc->len && sc->s[sc->pos + 1] == '\n')
				break;
			/* SQLite 3.40 silently cuts a string at an escaped NUL. */
			if (sc->len - sc->pos >= 6 && memcmp(sc->s + sc->pos, "\\u0000", 6) == 0)
				return err_set(sc->e, "%d: a string contains \\u0000 (a NUL character)",
					       sc->line);
			sc->pos++;
		}
		sc->pos++;
	}
	return err_set(sc->e, "%d: unterminated string", sc->line);
}

/* Scans one element of the top-level array, up to the ',' or ']' that ends
 * it, checking that brackets pair up. */
static int json_scan_element(struct json_scan *sc, struct json_span *out)
{
	size_t start = sc->pos;
	out->line = sc->line;
	sc->depth = 0;
	while (sc->pos < sc->len) {
		char c = sc->s[sc->pos];
		if (c == '"') {
			if (json_scan_string(sc) < 0)
				return -1;
			continue;
		}
		if (c == '{' || c == '[') {
			if (sc->depth == JSON_MAX_DEPTH)
				return err_set(sc->e, "%d: nested too deeply", sc->line);
			sc->stack[sc->depth++] = c;
		} else if (c == '}' || c == ']') {
			if (sc->depth == 0) {
				if (c == ']')
					break; /* the end of the top-level array */
				return err_set(sc->e, "%d: unexpected '}'", sc->line);
			}
			char open = sc->stack[--sc->depth];
			if ((open == '{') != (c == '}'))
				return err_set(sc->e, "%d: '%c' does not close '%c'",
					       sc->line, c, open);
		} else if (c == ',' && sc->depth == 0) {
			break;
		} else if (c == '\n') {
			sc->line++;
		}
		sc->pos++;
	}
	if (sc->pos >= sc->len) {
		if (sc->depth > 0)
			return err_set(sc->e, "%d: unterminated %s", sc->last_line,
				       sc->stack[sc->depth - 1] == '{' ? "object" : "array");
		return err_set(sc->e, "%d: the array is never closed (missing ']')",
			       sc->last_line);
	}
	size_t end = sc->pos;
	while (end > start && json_is_blank(sc->s[end - 1]))
		end--;
	if (end == start)
		return err_set(sc->e, "%d: expected a value before '%c'", sc->line,
			       sc->s[sc->pos]);
	out->off = start;
	out->len = end - start;
	return 0;
}

/* Splits the document into its top-level elements. */
static int json_scan_array(struct json_scan *sc, struct json_span **spans,
			   size_t *n)
{
	size_t cap = 0;
	json_scan_skip_blanks(sc);
	if (sc->pos == sc->len)
		return err_set(sc->e, "1: empty document (expected a JSON array of objects)");
	if (sc->s[sc->pos] != '[')
		return err_set(sc->e, "%d: expected a JSON array of objects, found %s",
			       sc->line, json_found(sc->s[sc->pos]));
	sc->pos++;
	json_scan_skip_blanks(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == ']') {
		sc->pos++;
	} else {
		for (;;) {
			struct json_span sp;
			json_scan_skip_blanks(sc);
			if (json_scan_element(sc, &sp) < 0)
				return -1;
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				*spans = xrealloc(*spans, cap * sizeof **spans);
			}
			(*spans)[(*n)++] = sp;
			if (sc->s[sc->pos++] == ']')
				break;
		}
	}
	json_scan_skip_blanks(sc);
	if (sc->pos < sc->len)
		return err_set(sc->e, "%d: unexpected text after the array", sc->line);
	return 0;
}

static int json_db_error(struct json_db *j, int line, struct err *e)
{
	return err_set(e, "%d: SQLite's JSON parser failed: %s", line,
		       sqlite3_errmsg(j->db));
}

static int json_db_open(struct json_db *j, struct err *e)
{
	static const char check_sql[] =
		"SELECT CASE WHEN json_valid(?1) THEN json_type(?1) END";
	static const char each_sql[] = "SELECT key, type, atom FROM json_each(?1)";
	memset(j, 0, sizeof *j);
	if (store_open_db(":memory:", &j->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) != SQLITE_OK)
		return err_set(e, "1: cannot start SQLite's JSON parser: %s",
			       j->db ? sqlite3_errmsg(j->db) : "out of memory");
	if (sqlite3_prepare_v2(j->db, check_sql, -1, &j->check, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(j->db, each_sql, -1, &j->each, NULL) != SQLITE_OK)
		return json_db_error(j, 1, e);
	return 0;
}

static void json_db_close(struct json_db *j)
{
	sqlite3_finalize(j->check);
	sqlite3_finalize(j->each);
	sqlite3_close(j->db);
}

/* The element's JSON type ("object", "text", ...) into type, "" when it is
 * not valid JSON. */
static int json_db_type(struct json_db *j, const char *s, size_t n, int line,
			char *type, size_t size, struct err *e)
{
	sqlite3_reset(j->check);
	if (sqlite3_bind_text(j->check, 1, s, (int)n, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_step(j->check) != SQLITE_ROW)
		return json_db_error(j, line, e);
	const unsigned char *t = sqlite3_column_text(j->check, 0);
	snprintf(type, size, "%s", t ? (const char *)t : "");
	sqlite3_reset(j->check);
	sqlite3_clear_bindings(j->check);
	return 0;
}

/* An element is not valid JSON: narrows the line down to its first bad
 * member, each checked alone inside its own brackets. Falls back to the
 * element's first line. */
static int json_bad_member_line(struct json_db *j, const char *s,
				const struct json_span *sp, struct err *e)
{
	const char *start = s + sp->off, *end = start + sp->len;
	char open = *start;
	if (open != '{' && open != '[')
		return sp->line;
	int line = sp->line, member_line = sp->line, bad = sp->line;
	size_t depth = 1;
	const char *member = start + 1;
	struct strbuf wrap = {0};
	for (const char *p = start + 1; p < end && depth > 0; p++) {
		char c = *p;
		if (c == '"') { /* the scanner has checked the strings */
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\' && p + 1 < end)
					p++;
			continue;
		}
		if (c == '\n')
			line++;
		if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']')
			depth--;
		if (!(depth == 0 || (depth == 1 && c == ',')))
			continue;
		/* [member, p) is one member; p its separator or the closing bracket */
		const char *m = member;
		int m_line = member_line;
		while (m < p && json_is_blank(*m))
			m_line += *m++ == '\n';
		bool empty_container = depth == 0 && member == start + 1;
		if (m == p && !empty_container) {
			bad = m_line; /* "{,}" or a trailing comma */
			break;
		}
		sb_reset(&wrap);
		sb_putc(&wrap, open);
		sb_add(&wrap, m, (size_t)(p - m));
		sb_putc(&wrap, open == '{' ? '}' : ']');
		char type[16];
		if (json_db_type(j, wrap.s, wrap.len, m_line, type, sizeof type, e) < 0) {
			sb_free(&wrap);
			return -1;
		}
		if (!*type) {
			bad = m_line;
			break;
		}
		member = p + 1;
		member_line = line;
	}
	sb_free(&wrap);
	return bad;
}

static const char *json_type_words(const char *type)
{
	if (strcmp(type, "text") == 0)
		return "a string";
	if (strcmp(type, "integer") == 0 || strcmp(type, "real") == 0)
		return "a number";
	if (strcmp(type, "true") == 0 || strcmp(type, "false") == 0)
		return "true or false";
	if (strcmp(type, "array") == 0)
		return "an array";
	if (strcmp(type, "object") == 0)
		return "an object";
	return "null";
}

/* Reads the wanted members of one object into values (copies; NULL where
 * absent or null). */
static int json_read_object(struct json_db *j, const char *s,
			    const struct json_span *sp, size_t index,
			    const char *const *keys, size_t n_keys, char **values,
			    struct err *e)
{
	int rc = 0;
	sqlite3_reset(j->each);
	if (sqlite3_bind_text(j->each, 1, s + sp->off, (int)sp->len, SQLITE_STATIC) !=
	    SQLITE_OK)
		return json_db_error(j, sp->line, e);
	int step;
	while ((step = sqlite3_step(j->each)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(j->each, 0);
		const char *type = (const char *)sqlite3_column_text(j->each, 1);
		size_t k = n_keys;
		for (size_t i = 0; key && i < n_keys; i++)
			if (strcmp(key, keys[i]) == 0)
				k = i;
		if (k == n_keys || !type)
			continue; /* other members are not ours to judge */
		if (values[k]) {
			rc = err_set(e, "%d: element %zu has \"%s\" twice", sp->line,
				     index + 1, keys[k]);
			break;
		}
		if (strcmp(type, "object") == 0 || strcmp(type, "array") == 0) {
			rc = err_set(e, "%d: element %zu: \"%s\" is %s (expected a string)",
				     sp->line, index + 1, keys[k], json_type_words(type));
			break;
		}
		if (strcmp(type, "null") == 0)
			continue;
		if (strcmp(type, "true") == 0 || strcmp(type, "false") == 0) {
			values[k] = xstrdup(type);
			continue;
		}
		const char *v = (const char *)sqlite3_column_text(j->each, 2);
		size_t len = (size_t)sqlite3_column_bytes(j->each, 2);
		if (!v) {
			rc = json_db_error(j, sp->line, e);
			break;
		}
		/* Should a newer SQLite keep an escaped NUL, it would still cut the text. */
		if (memchr(v, '\0', len)) {
			rc = err_set(e, "%d: element %zu: \"%s\" contains a NUL character",
				     sp->line, index + 1, keys[k]);
			break;
		}
		values[k] = xstrndup(v, len);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = json_db_error(j, sp->line, e);
	sqlite3_reset(j->each);
	sqlite3_clear_bindings(j->each);
	return rc;
}

/* Checks every element before any is handed on, so a syntax error anywhere
 * is reported whatever the callback does. */
static int json_check_elements(struct json_db *j, const char *json,
			       const struct json_span *spans, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		const struct json_span *sp = &spans[i];
		char type[16];
		if (json_db_type(j, json + sp->off, sp->len, sp->line, type, sizeof type,
				 e) < 0)
			return -1;
		if (!*type) {
			int line = json_bad_member_line(j, json, sp, e);
			if (line < 0)
				return -1;
			return err_set(e, "%d: element %zu is not valid JSON", line, i + 1);
		}
		if (strcmp(type, "object") != 0)
			return err_set(e, "%d: element %zu is %s, not an object", sp->line,
				       i + 1, json_type_words(type));
	}
	return 0;
}

int store_json_each_object(const char *json, size_t len, const char *const *keys,
			   size_t n_keys, store_json_row_fn cb, void *ctx,
			   struct err *e)
{
	/* SQLite reads text up to a NUL; bytes past one would go unchecked. */
	const char *nul = memchr(json, '\0', len);
	if (nul)
		return err_set(e, "%d: NUL byte in the JSON text",
			       json_line_at(json, (size_t)(nul - json)));
	size_t bad = utf8_invalid_at(json, len);
	if (bad < len)
		return err_set(e, "%d: invalid UTF-8", json_line_at(json, bad));
	if (len > INT_MAX - 2)
		return err_set(e, "1: the JSON text is too large");

	struct json_scan *sc = xcalloc(1, sizeof *sc);
	sc->s = json;
	sc->len = len;
	sc->line = 1;
	sc->e = e;
	size_t last = len;
	while (last > 0 && json_is_blank(json[last - 1]))
		last--;
	sc->last_line = json_line_at(json, last ? last - 1 : 0);

	struct json_span *spans = NULL;
	size_t n = 0;
	int rc = json_scan_array(sc, &spans, &n);
	free(sc);
	if (rc < 0) {
		free(spans);
		return -1;
	}

	struct json_db j;
	if (json_db_open(&j, e) < 0 || json_check_elements(&j, json, spans, n, e) < 0) {
		json_db_close(&j);
		free(spans);
		return -1;
	}
	char **values = xcalloc(n_keys ? n_keys : 1, sizeof *values);
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = json_read_object(&j, json, &spans[i], i, keys, n_keys, values, e);
		if (rc == 0)
			rc = cb(ctx, i, spans[i].line, (const char *const *)values, e);
		for (size_t k = 0; k < n_keys; k++) {
			free(values[k]);
			values[k] = NULL;
		}
	}
	free(values);
	json_db_close(&j);
	free(spans);
	return rc < 0 ? -1 : 0;
}
