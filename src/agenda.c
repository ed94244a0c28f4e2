/* The agenda: questions, their prompts and the stages' timeboxes. */
#include "debrief/agenda.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/paths.h"
#include "debrief/text.h"

#define AGENDA_MAX_BYTES (1u << 20)

/* "timebox STAGE MINUTES": 0, or -1 with e set (what was typed shown
 * with its control characters made visible). */
static int parse_timebox(const char *args, int64_t timebox[], const char *name, int lineno,
			 struct err *e)
{
	char stage_word[32], minutes[32], extra[2];
	int got = sscanf(args, "%31s %31s %1s", stage_word, minutes, extra);
	if (got != 2)
		return err_set(e, "%s:%d: expected 'timebox STAGE MINUTES'", name, lineno);
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
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t linelen = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = str_trim(xstrndup(p, linelen));
		lineno++;
		p += linelen + (nl ? 1 : 0);
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
	out->name = xstrdup("default");
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

int agenda_load(struct agenda *out, struct err *e)
{
	struct strbuf path = {0};
	char *data;
	size_t len;
	int rc = -1;
	if (paths_share_file("questions.txt", &path, e) == 0 &&
	    file_read_all(path.s, AGENDA_MAX_BYTES, &data, &len, e) == 0) {
		rc = agenda_parse(data, len, path.s, out, e);
		free(data);
	}
	sb_free(&path);
	return rc;
}
