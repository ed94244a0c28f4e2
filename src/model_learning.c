/* The model: what the meeting learned (a summary, contributing factors,
 * lessons, links), kept with the retrospective's details. */
#include "debrief/model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *title, *name;
} LEARNING[LEARN_COUNT] = {
	[LEARN_SUMMARY] = {"Summary", "summary"},
	[LEARN_FACTORS] = {"Contributing factors", "factors"},
	[LEARN_LESSONS] = {"Lessons learned", "lessons"},
	[LEARN_LINKS] = {"Links", "links"},
};

const char *model_learning_title(enum learning l)
{
	return (unsigned)l < LEARN_COUNT ? LEARNING[l].title : "";
}

const char *model_learning_name(enum learning l)
{
	return (unsigned)l < LEARN_COUNT ? LEARNING[l].name : "";
}

static char **field_of(struct retro *r, enum learning l)
{
	switch (l) {
	case LEARN_SUMMARY: return &r->summary;
	case LEARN_FACTORS: return &r->factors;
	case LEARN_LESSONS: return &r->lessons;
	case LEARN_LINKS: return &r->links;
	default: return NULL;
	}
}

const char *model_learning_text(const struct retro *r, enum learning l)
{
	char **f = field_of((struct retro *)r, l);
	return f ? *f : NULL;
}

static bool blank_char(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int model_learning_clean(enum learning l, const char *text, char **out, struct err *e)
{
	*out = NULL;
	if (!text)
		return 0;
	char *c = model_clean_field(model_learning_title(l), text, true, e);
	if (!c)
		return -1;
	/* Each line's trailing blanks, then the blank lines at either end. */
	size_t w = 0, line_end = 0;
	for (size_t r = 0; c[r]; r++) {
		if (c[r] == '\n')
			w = line_end;
		c[w++] = c[r];
		if (c[r] != ' ' && c[r] != '\t')
			line_end = w;
	}
	w = line_end;
	c[w] = '\0';
	size_t start = 0;
	while (blank_char(c[start]))
		start++;
	while (w > start && blank_char(c[w - 1]))
		w--;
	if (w == start) {
		free(c);
		return 0;
	}
	memmove(c, c + start, w - start);
	c[w - start] = '\0';
	*out = c;
	return 0;
}

int model_set_learning(struct store *st, struct undo_log *log, const struct retro *before,
		       enum learning l, const char *text, struct err *e)
{
	char *clean;
	if ((unsigned)l >= LEARN_COUNT)
		return err_set(e, "no such part of what was learned");
	if (model_learning_clean(l, text, &clean, e) != 0)
		return -1;
	struct retro after;
	retro_copy(&after, before);
	char **f = field_of(&after, l);
	free(*f);
	*f = clean;
	int rc = model_update_retro(st, log, before, &after, e);
	retro_free(&after);
	return rc;
}

bool model_followable(const char *s, size_t len)
{
	static const char *const schemes[] = {"https://", "http://", "mailto:"};
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		size_t n = strlen(schemes[i]);
		if (len > n && strncasecmp(s, schemes[i], n) == 0)
			return true;
	}
	return false;
}

bool model_link_parse(const char *line, size_t len, struct link_line *out)
{
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	while (len && (*line == ' ' || *line == '\t'))
		line++, len--;
	size_t word = len;
	while (word && line[word - 1] != ' ' && line[word - 1] != '\t')
		word--;
	memset(out, 0, sizeof *out);
	out->label = line;
	out->label_len = len;
	if (len == 0)
		return false;
	if (model_followable(line + word, len - word)) {
		out->url = line + word;
		out->url_len = len - word;
		size_t l = word;
		while (l && (line[l - 1] == ' ' || line[l - 1] == '\t' || line[l - 1] == ':' ||
			     line[l - 1] == '-'))
			l--;
		out->label_len = l;
	}
	return true;
}
