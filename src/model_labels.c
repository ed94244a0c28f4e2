/* The model: the services and tags of a retrospective, as names by one
 * rule (debrief/model.h). */
#include <stdlib.h>
#include <string.h>

#include "debrief/model.h"
#include "debrief/text.h"

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* The name of n bytes at s into buf, lowercased, or a one-line refusal. */
static int take_name(const char *what, const char *s, size_t n, char *buf, struct err *e)
{
	bool ok = n > 0 && n <= LABEL_MAX;
	for (size_t i = 0; ok && i < n; i++) {
		char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
		ok = name_char(c);
		buf[i] = c;
	}
	if (!ok) {
		struct strbuf shown = {0};
		text_put_clean(&shown, s, n > 60 ? 60 : n, TEXT_SINGLE_LINE);
		err_set(e, "'%s%s' is not a %s name: use letters, digits, - _ and . (at most %d)",
			sb_str(&shown), n > 60 ? "…" : "", what, LABEL_MAX);
		sb_free(&shown);
		return -1;
	}
	buf[n] = '\0';
	return 0;
}

int model_label_name(const char *what, const char *typed, char *buf, struct err *e)
{
	size_t n = strlen(typed);
	while (n && (typed[n - 1] == ' ' || typed[n - 1] == '\t'))
		n--;
	while (n && (*typed == ' ' || *typed == '\t'))
		typed++, n--;
	if (!n)
		return err_set(e, "an empty %s name", what);
	return take_name(what, typed, n, buf, e);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int model_labels(const char *what, const char *typed, char **out, struct err *e)
{
	*out = NULL;
	char *names[LABELS_MAX];
	size_t n = 0;
	int rc = 0;
	const char *p = typed ? typed : "";
	bool blank = p[strspn(p, " \t")] == '\0';
	while (!blank && rc == 0) {
		size_t len = strcspn(p, ",");
		const char *name = p;
		size_t n_name = len;
		while (n_name && (*name == ' ' || *name == '\t'))
			name++, n_name--;
		while (n_name && (name[n_name - 1] == ' ' || name[n_name - 1] == '\t'))
			n_name--;
		char buf[LABEL_MAX + 1];
		if (!n_name) {
			rc = err_set(e, "an empty %s name (names are separated by commas)", what);
		} else if (take_name(what, name, n_name, buf, e) != 0) {
			rc = -1;
		} else {
			bool seen = false;
			for (size_t i = 0; i < n && !seen; i++)
				seen = strcmp(names[i], buf) == 0;
			if (!seen && n == LABELS_MAX)
				rc = err_set(e, "too many %ss (at most %d)", what, LABELS_MAX);
			else if (!seen)
				names[n++] = xstrdup(buf);
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	if (rc == 0 && n) {
		qsort(names, n, sizeof names[0], by_name);
		struct strbuf b = {0};
		for (size_t i = 0; i < n; i++)
			sb_printf(&b, "%s%s", i ? ", " : "", names[i]);
		*out = sb_take(&b);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return rc;
}

bool model_labels_hold(const char *list, const char *name)
{
	size_t len = strlen(name);
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ",");
		if (n == len && strncmp(p, name, len) == 0)
			return true;
		p += n;
		p += strspn(p, ", ");
	}
	return false;
}

void model_labels_line(const struct retro *r, struct strbuf *out)
{
	if (r->services)
		sb_puts(out, r->services);
	if (r->services && r->tags)
		sb_puts(out, " · ");
	for (const char *p = r->tags; p && *p;) {
		size_t n = strcspn(p, ",");
		sb_printf(out, "%s#%.*s", p == r->tags ? "" : " ", (int)n, p);
		p += n;
		p += strspn(p, ", ");
	}
}
