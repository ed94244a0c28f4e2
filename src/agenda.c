/* The agenda: questions, their prompts and the stages' timeboxes. */
#include "debrief/agenda.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debrief/paths.h"
#include "debrief/text.h"

#define AGENDA_MAX_BYTES (1u << 20)

/* The words of "timebox STAGE MINUTES": 0, or -1 with e set (what was
 * typed shown with its control characters made visible). */
static int timebox_words(const char *stage_word, const char *minutes, int64_t timebox[],
			 const char *name, int lineno, struct err *e)
{
	int stage = stage_parse(stage_word);
	long v = 0;
	const char *p = minutes;
	for (; isdigit((unsigned char)*p) && v <= AGENDA_MAX_MINUTES; p++)
		v = v * 10 + (*p - '0');
	bool bad_minutes = p == minutes || (*p && strcmp(p, "m") != 0) || v < 1 ||
			   v > AGENDA_MAX_MINUTES;
	if (stage < STAGE_PRIME || stage > STAGE_COUNT || bad_minutes) {
		const char *word = bad_minutes ? minutes : stage_word;
		char *shown = text_clean(word, strlen(word), TEXT_SINGLE_LINE);
		if (!bad_minutes)
			err_set(e, "%s:%d: no stage '%s' (prime-directive, timeline, questions, "
				"actions, close)", name, lineno, shown);
		else
			err_set(e, "%s:%d: '%s' is not a number of minutes from 1 to %d", name, lineno,
				shown, AGENDA_MAX_MINUTES);
		free(shown);
		return -1;
	}
	if (timebox[stage])
		return err_set(e, "%s:%d: a second timebox for %s", name, lineno, stage_name(stage));
	timebox[stage] = (int64_t)v * 60;
	return 0;
}

/* "timebox STAGE MINUTES", split at blanks only (a word cut at a length
 * went on as the next word). */
static int parse_timebox(const char *args, int64_t timebox[], const char *name, int lineno,
			 struct err *e)
{
	char *word[2];
	if (!text_words(args, word, 2))
		return err_set(e, "%s:%d: expected 'timebox STAGE MINUTES'", name, lineno);
	int rc = timebox_words(word[0], word[1], timebox, name, lineno, e);
	free(word[0]);
	free(word[1]);
	return rc;
}

int agenda_parse(const char *text, size_t len, const char *name, struct agenda *out,
		 struct err *e)
{
	struct question *v = NULL;
	size_t count = 0;
	struct strbuf prompts = {0};
	int lineno = 0;
	memset(out, 0, sizeof *out);
	if (!utf8_valid(text, len))
		return err_set(e, "%s: not valid UTF-8", name);
	const char *p = text, *end = text + len;
	char *line;
	while ((line = str_next_line(&p, end))) {
		lineno++;
		if (line[0] == '\0' || line[0] == '#') {
			free(line);
			continue;
		}
		if (strncmp(line, "timebox", 7) == 0 && (line[7] == ' ' || line[7] == '\t')) {
			int rc = parse_timebox(line + 8, out->timebox, name, lineno, e);
			free(line);
			if (rc != 0)
				goto fail;
			continue;
		}
		if (line[0] == '?' || line[0] == '-') {
			char *body = text_clean(line + 1, strlen(line + 1), TEXT_SINGLE_LINE);
			if (*body == '\0') {
				free(body);
				free(line);
				goto fail_empty;
			}
			if (line[0] == '?') {
				if (count > 0)
					v[count - 1].prompts = sb_take(&prompts);
				v = xrealloc(v, (count + 1) * sizeof *v);
				memset(&v[count], 0, sizeof *v);
				v[count].position = (int)count + 1;
				v[count].title = body;
				count++;
			} else if (count == 0) {
				free(body);
				free(line);
				err_set(e, "%s:%d: a prompt before any question", name, lineno);
				goto fail;
			} else {
				if (prompts.len)
					sb_putc(&prompts, '\n');
				sb_puts(&prompts, body);
				free(body);
			}
			free(line);
			continue;
		}
		free(line);
		err_set(e, "%s:%d: expected '? question', '- prompt' or 'timebox STAGE MINUTES'", name,
			lineno);
		goto fail;
	}
	if (count == 0) {
		err_set(e, "%s: no questions", name);
		goto fail;
	}
	v[count - 1].prompts = sb_take(&prompts);
	out->name = xstrdup(AGENDA_DEFAULT);
	out->questions = v;
	out->n_questions = count;
	return 0;
fail_empty:
	err_set(e, "%s:%d: empty question or prompt", name, lineno);
fail:
	sb_free(&prompts);
	for (size_t i = 0; i < count; i++)
		question_free(&v[i]);
	free(v);
	memset(out, 0, sizeof *out);
	return -1;
}

void agenda_free(struct agenda *a)
{
	for (size_t i = 0; i < a->n_questions; i++)
		question_free(&a->questions[i]);
	free(a->questions);
	free(a->name);
	memset(a, 0, sizeof *a);
}

/* --- agendas as files: NAME.agenda in the user's, the system's and the
 * shipped folder, looked in in that order ("default" is always the
 * shipped one) --- */

#define AGENDA_EXT ".agenda"

bool agenda_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > AGENDA_MAX_NAME || !isalnum((unsigned char)name[0]))
		return false;
	for (const char *p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("-_.", *p))
			return false;
	return true;
}

/* The folders agendas are found in, in the order they are looked in. */
enum { WHERE_USER, WHERE_SYSTEM, WHERE_SHIPPED, WHERE_COUNT };

static const char *const WHERE_NAMES[WHERE_COUNT] = {"yours", "system", "shipped"};

/* The folder of each place (an empty string: none). */
static void agenda_dirs(struct strbuf dirs[WHERE_COUNT])
{
	struct err ignored = {0};
	for (int w = 0; w < WHERE_COUNT; w++)
		sb_reset(&dirs[w]);
	if (paths_config_dir(&dirs[WHERE_USER], &ignored) == 0)
		sb_puts(&dirs[WHERE_USER], "/agendas");
	else
		sb_reset(&dirs[WHERE_USER]);
	paths_sysconf_dir(&dirs[WHERE_SYSTEM]);
	sb_puts(&dirs[WHERE_SYSTEM], "/agendas");
	struct strbuf def = {0};
	if (paths_share_file("agendas/default" AGENDA_EXT, &def, &ignored) == 0) {
		char *slash = strrchr(def.s, '/');
		*slash = '\0';
		/* (".../bin/../share/debrief/agendas" said plainly) */
		char *real = realpath(def.s, NULL);
		sb_puts(&dirs[WHERE_SHIPPED], real ? real : def.s);
		free(real);
	}
	sb_free(&def);
}

static void free_dirs(struct strbuf dirs[WHERE_COUNT])
{
	for (int w = 0; w < WHERE_COUNT; w++)
		sb_free(&dirs[w]);
}

static int load_file(const char *path, const char *name, struct agenda *out, struct err *e)
{
	char *data;
	size_t len;
	if (file_read_all(path, AGENDA_MAX_BYTES, &data, &len, e) != 0)
		return -1;
	int rc = agenda_parse(data, len, path, out, e);
	free(data);
	if (rc == 0) {
		free(out->name);
		out->name = xstrdup(name);
	}
	return rc;
}

static int by_name(const void *a, const void *b)
{
	const struct agenda_info *x = a, *y = b;
	/* The default first, then by name. */
	bool dx = strcmp(x->name, AGENDA_DEFAULT) == 0, dy = strcmp(y->name, AGENDA_DEFAULT) == 0;
	if (dx != dy)
		return dx ? -1 : 1;
	int c = strcmp(x->name, y->name);
	if (c || !dx)
		return c ? c : x->where_rank - y->where_rank;
	return y->where_rank - x->where_rank; /* the shipped default first */
}

int agenda_list(struct agenda_info **out, size_t *n, struct err *e)
{
	struct strbuf dirs[WHERE_COUNT] = {{0}};
	struct agenda_info *v = NULL;
	size_t count = 0;
	(void)e;
	agenda_dirs(dirs);
	for (int w = 0; w < WHERE_COUNT; w++) {
		DIR *d = dirs[w].len ? opendir(dirs[w].s) : NULL;
		struct dirent *de;
		while (d && (de = readdir(d))) {
			size_t len = strlen(de->d_name), el = strlen(AGENDA_EXT);
			if (len <= el || strcmp(de->d_name + len - el, AGENDA_EXT) != 0)
				continue;
			char *name = xstrndup(de->d_name, len - el);
			if (!agenda_name_valid(name)) {
				free(name);
				continue;
			}
			v = xrealloc(v, (count + 1) * sizeof *v);
			struct agenda_info *a = &v[count++];
			memset(a, 0, sizeof *a);
			a->name = name;
			a->where = WHERE_NAMES[w];
			a->where_rank = w;
			struct strbuf path = {0};
			sb_printf(&path, "%s/%s", dirs[w].s, de->d_name);
			a->path = sb_take(&path);
		}
		if (d)
			closedir(d);
	}
	free_dirs(dirs);
	qsort(v, count, sizeof *v, by_name);
	for (size_t i = 0; i < count; i++) {
		struct agenda_info *a = &v[i];
		bool is_default = strcmp(a->name, AGENDA_DEFAULT) == 0;
		if (is_default && a->where_rank != WHERE_SHIPPED) {
			a->problem = xstrdup("not used: \"default\" is always the shipped agenda "
					     "(give this one another name)");
			continue;
		}
		if (!is_default && i > 0 && strcmp(v[i - 1].name, a->name) == 0) {
			struct strbuf why = {0};
			sb_printf(&why, "not used: %s comes first", v[i - 1].path);
			a->problem = sb_take(&why);
			continue;
		}
		struct agenda ag;
		struct err pe = {0};
		if (load_file(a->path, a->name, &ag, &pe) != 0) {
			a->problem = xstrdup(pe.msg);
			continue;
		}
		a->used = true;
		a->n_questions = ag.n_questions;
		for (int s = STAGE_PRIME; s <= STAGE_COUNT; s++)
			a->total_secs += ag.timebox[s];
		agenda_free(&ag);
	}
	*out = v;
	*n = count;
	return 0;
}

void agenda_list_free(struct agenda_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
		free(v[i].problem);
	}
	free(v);
}

/* "default, ours, retro-lite": the names there are to choose from. */
void agenda_known(struct strbuf *out)
{
	struct agenda_info *v;
	size_t n;
	struct err e = {0};
	if (agenda_list(&v, &n, &e) != 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (v[i].used || (v[i].problem && strncmp(v[i].problem, "not used", 8) != 0))
			sb_printf(out, "%s%s", out->len ? ", " : "", v[i].name);
	agenda_list_free(v, n);
}

int agenda_load(const char *name, struct agenda *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (!name || !*name)
		name = AGENDA_DEFAULT;
	if (!agenda_name_valid(name)) {
		char *shown = text_clean(name, strlen(name), TEXT_SINGLE_LINE), cut[80];
		str_copy(cut, sizeof cut, shown); /* (on a character's edge) */
		err_set(e, "'%s' is not an agenda's name (letters, digits, '-', '_' and '.')", cut);
		free(shown);
		return -1;
	}
	struct strbuf path = {0};
	int rc = -1;
	if (strcmp(name, AGENDA_DEFAULT) == 0) {
		if (paths_share_file("agendas/default" AGENDA_EXT, &path, e) == 0)
			rc = load_file(path.s, name, out, e);
		sb_free(&path);
		return rc;
	}
	struct strbuf dirs[WHERE_COUNT] = {{0}};
	agenda_dirs(dirs);
	bool found = false;
	for (int w = 0; w < WHERE_COUNT && !found; w++) {
		if (!dirs[w].len)
			continue;
		sb_reset(&path);
		sb_printf(&path, "%s/%s" AGENDA_EXT, dirs[w].s, name);
		found = access(path.s, F_OK) == 0;
		if (found)
			rc = load_file(path.s, name, out, e);
	}
	free_dirs(dirs);
	if (!found) {
		struct strbuf known = {0};
		agenda_known(&known);
		err_set(e, "no agenda named '%s' (there are: %s; 'debrief agendas' lists them)", name,
			sb_str(&known));
		sb_free(&known);
	}
	sb_free(&path);
	return rc;
}
