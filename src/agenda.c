/* The agenda template: questions and their prompts. */
#include "debrief/agenda.h"

#include <stdlib.h>
#include <string.h>

#include "debrief/paths.h"
#include "debrief/text.h"

#define AGENDA_MAX_BYTES (1u << 20)

int agenda_parse(const char *text, size_t len, const char *name,
		 struct question **out, size_t *n, struct err *e)
{
	struct question *v = NULL;
	size_t count = 0;
	struct strbuf prompts = {0};
	int lineno = 0;
	*out = NULL;
	*n = 0;
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
		err_set(e, "%s:%d: expected '? question' or '- prompt'", name, lineno);
		goto fail;
	}
	if (count == 0) {
		err_set(e, "%s: no questions", name);
		goto fail;
	}
	v[count - 1].prompts = sb_take(&prompts);
	*out = v;
	*n = count;
	return 0;
fail_empty:
	err_set(e, "%s:%d: empty question or prompt", name, lineno);
fail:
	sb_free(&prompts);
	for (size_t i = 0; i < count; i++)
		question_free(&v[i]);
	free(v);
	return -1;
}

int agenda_load(struct question **out, size_t *n, struct err *e)
{
	struct strbuf path = {0};
	char *data;
	size_t len;
	int rc = -1;
	if (paths_share_file("questions.txt", &path, e) == 0 &&
	    file_read_all(path.s, AGENDA_MAX_BYTES, &data, &len, e) == 0) {
		rc = agenda_parse(data, len, path.s, out, n, e);
		free(data);
	}
	sb_free(&path);
	return rc;
}
