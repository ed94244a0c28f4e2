/* The settings file: "KEY VALUE" lines, checked as they are read. */
#include "debrief/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "debrief/agenda.h"
#include "debrief/export.h"
#include "debrief/paths.h"

#define CONFIG_MAX_BYTES (1u << 20)

static const struct {
	const char *name, *def, *what;
} KEYS[CFG_COUNT] = {
#define X(id, name, def, what) {name, def, what},
	CONFIG_LIST(X)
#undef X
};

const char *config_key_name(enum config_key k)
{
	return (unsigned)k < CFG_COUNT ? KEYS[k].name : "";
}

const char *config_get(const struct config *c, enum config_key k)
{
	return c->set[k].value ? c->set[k].value : KEYS[k].def;
}

bool config_on(const struct config *c, enum config_key k)
{
	return strcmp(config_get(c, k), "on") == 0;
}

void config_set(struct config *c, enum config_key k, const char *value, const char *origin)
{
	free(c->set[k].value);
	free(c->set[k].origin);
	c->set[k].value = xstrdup(value);
	c->set[k].origin = origin ? xstrdup(origin) : NULL;
}

/* Whether value is one of the words in "a|b|c". */
static bool one_of(const char *value, const char *words)
{
	size_t n = strlen(value);
	for (const char *p = words; *p;) {
		size_t w = strcspn(p, "|");
		if (w == n && strncmp(p, value, n) == 0)
			return true;
		p += w + (p[w] == '|');
	}
	return false;
}

/* What is wrong with value for key k, or NULL. */
static const char *check_value(enum config_key k, const char *value)
{
	switch (k) {
	case CFG_LOOK:
		return one_of(value, "light|dark|mono") ? NULL : "is no look (light, dark or mono)";
	case CFG_BELL:
	case CFG_NUDGE:
		return one_of(value, "on|off") ? NULL : "is neither on nor off";
	case CFG_EXPORT_FORMAT:
		return export_format_parse(value) >= 0 ? NULL : "is no format (md, html, txt or json)";
	case CFG_EXPORT_DIR:
		return value[0] == '/' || (value[0] == '~' && (value[1] == '/' || !value[1]))
			       ? NULL
			       : "is not a folder from / or ~ (a relative one would depend on where debrief starts)";
	case CFG_AGENDA:
		return agenda_name_valid(value) ? NULL
						: "is not an agenda's name (letters, digits, '-', '_' and '.')";
	case CFG_NOTES_PANE:
		return one_of(value, "auto|right|bottom") ? NULL : "is no place for it (auto, right or bottom)";
	case CFG_EDITOR:
	case CFG_COUNT:
		break;
	}
	return NULL;
}

static char *origin_of(const char *file, int lineno)
{
	struct strbuf b = {0};
	sb_printf(&b, "%s:%d", file, lineno);
	return sb_take(&b);
}

/* "bind SCOPE KEY ACTION": three words, checked by the key table later. */
static int parse_bind(struct config *c, const char *args, const char *file, int lineno,
		      struct err *e)
{
	/* (At blanks only: a word cut at a length went on as the next word,
	 * in the middle of a character.) */
	char *word[3];
	if (!text_words(args, word, 3))
		return err_set(e, "%s:%d: expected 'bind SCOPE KEY ACTION' (e.g. bind timeline W mark-went-well)",
			       file, lineno);
	c->binds = xrealloc(c->binds, (c->n_binds + 1) * sizeof *c->binds);
	struct config_bind *b = &c->binds[c->n_binds++];
	b->scope = word[0];
	b->key = word[1];
	b->action = word[2];
	b->origin = origin_of(file, lineno);
	return 0;
}

/* A control character in the line (a tab aside): its code point, or 0. */
static unsigned control_in(const char *s)
{
	for (size_t i = 0, n = strlen(s); i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		if ((cp < 0x20 && cp != '\t') || (cp >= 0x7f && cp < 0xa0))
			return cp;
		i += k ? k : 1;
	}
	return 0;
}

/* One line (blanks trimmed, not a comment). */
static int parse_line(struct config *c, char *line, const char *file, int lineno, int seen[CFG_COUNT],
		      struct err *e)
{
	unsigned cp = control_in(line);
	if (cp)
		return err_set(e, "%s:%d: a control character (U+%04X) in the line", file, lineno, cp);
	size_t klen = strcspn(line, " \t");
	char *value = line + klen;
	while (*value == ' ' || *value == '\t')
		value++;
	line[klen] = '\0';
	if (strcmp(line, "bind") == 0)
		return parse_bind(c, value, file, lineno, e);
	int k = 0;
	while (k < CFG_COUNT && strcmp(line, KEYS[k].name) != 0)
		k++;
	char *shown = text_clean(line, strlen(line), TEXT_SINGLE_LINE), cut[64];
	str_copy(cut, sizeof cut, shown); /* (on a character's edge) */
	int rc = 0;
	if (k == CFG_COUNT) {
		rc = err_set(e, "%s:%d: no setting '%s' (look, bell, nudge, editor, export-dir, "
			     "export-format, agenda, notes-pane, bind)", file, lineno, cut);
	} else if (!*value) {
		rc = err_set(e, "%s:%d: '%s' needs a value: %s", file, lineno, shown, KEYS[k].what);
	} else if (seen[k]) {
		rc = err_set(e, "%s:%d: '%s' again (line %d set it already)", file, lineno, shown, seen[k]);
	} else {
		const char *why = check_value((enum config_key)k, value);
		if (why) {
			char *v = text_clean(value, strlen(value), TEXT_SINGLE_LINE), vcut[200];
			str_copy(vcut, sizeof vcut, v);
			rc = err_set(e, "%s:%d: %s: '%s' %s", file, lineno, shown, vcut, why);
			free(v);
		} else {
			seen[k] = lineno;
			char *origin = origin_of(file, lineno);
			config_set(c, (enum config_key)k, value, origin);
			free(origin);
		}
	}
	free(shown);
	return rc;
}

int config_parse(struct config *c, const char *text, size_t len, const char *file, struct err *e)
{
	int seen[CFG_COUNT] = {0};
	if (!utf8_valid(text, len))
		return err_set(e, "%s: not valid UTF-8", file);
	const char *p = text, *end = text + len;
	int lineno = 0;
	char *line;
	while ((line = str_next_line(&p, end))) {
		lineno++;
		int rc = line[0] && line[0] != '#' ? parse_line(c, line, file, lineno, seen, e) : 0;
		free(line);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* One file; one not there is no failure, nor one in a folder this user
 * may not look into (another user's home: it is not this user's). One
 * there that cannot be read is. */
static int load_file(struct config *c, const char *path, struct err *e)
{
	struct stat sb;
	if (stat(path, &sb) != 0 && (errno == ENOENT || errno == ENOTDIR || errno == EACCES))
		return 0;
	char *data;
	size_t len;
	if (file_read_all(path, CONFIG_MAX_BYTES, &data, &len, e) != 0)
		return -1;
	int rc = config_parse(c, data, len, path, e);
	free(data);
	return rc;
}

int config_load(struct config *c, struct err *e)
{
	struct strbuf path = {0};
	paths_sysconf_dir(&path);
	sb_puts(&path, "/config");
	int rc = load_file(c, path.s, e);
	/* Without $HOME nor $XDG_CONFIG_HOME there is no user's file. */
	struct err none;
	if (rc == 0 && paths_config_dir(&path, &none) == 0) {
		sb_puts(&path, "/config");
		rc = load_file(c, path.s, e);
	}
	sb_free(&path);
	return rc;
}

void config_free(struct config *c)
{
	for (int k = 0; k < CFG_COUNT; k++) {
		free(c->set[k].value);
		free(c->set[k].origin);
	}
	for (size_t i = 0; i < c->n_binds; i++) {
		free(c->binds[i].scope);
		free(c->binds[i].key);
		free(c->binds[i].action);
		free(c->binds[i].origin);
	}
	free(c->binds);
	memset(c, 0, sizeof *c);
}

/* "KEY VALUE", padded, then "# where from". */
static void dump_line(struct strbuf *out, const char *line, const char *origin)
{
	int width = text_width(line);
	sb_printf(out, "%s%*s # %s\n", line, width < 36 ? 36 - width : 0, "", origin);
}

void config_dump(const struct config *c, struct strbuf *out)
{
	struct strbuf line = {0};
	for (int k = 0; k < CFG_COUNT; k++) {
		const char *v = config_get(c, (enum config_key)k);
		sb_reset(&line);
		if (*v)
			sb_printf(&line, "%s %s", KEYS[k].name, v);
		else /* a line "export-dir" alone would be no setting */
			sb_printf(&line, "# %s", KEYS[k].name);
		dump_line(out, line.s, c->set[k].origin ? c->set[k].origin
					 : *v ? "default" : "default: not set");
	}
	for (size_t i = 0; i < c->n_binds; i++) {
		sb_reset(&line);
		sb_printf(&line, "bind %s %s %s", c->binds[i].scope, c->binds[i].key, c->binds[i].action);
		dump_line(out, line.s, c->binds[i].origin);
	}
	sb_free(&line);
}
