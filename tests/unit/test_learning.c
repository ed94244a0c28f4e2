/* Unit tests: what the meeting learned (model_learning.c): how its text is
 * kept, and how a link line is read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/model.h"
#include "tap.h"

static void cleans(const char *in, const char *want, const char *what)
{
	char *out = NULL;
	struct err e = {0};
	int rc = model_learning_clean(LEARN_FACTORS, in, &out, &e);
	ok(rc == 0 && ((!want && !out) || (want && out && strcmp(out, want) == 0)), "%s", what);
	if (rc == 0 && want && out && strcmp(out, want) != 0)
		printf("# got '%s'\n", out);
	free(out);
}

static void reads(const char *line, const char *label, const char *url, const char *what)
{
	struct link_line l;
	model_link_parse(line, strlen(line), &l);
	bool same = l.label_len == strlen(label) && strncmp(l.label, label, l.label_len) == 0 &&
		    (url ? l.url_len == strlen(url) && strncmp(l.url, url, l.url_len) == 0 : l.url_len == 0);
	ok(same, "%s", what);
	if (!same)
		printf("# label '%.*s' url '%.*s'\n", (int)l.label_len, l.label, (int)l.url_len, l.url ? l.url : "");
}

int main(void)
{
	cleans("  \n\nfirst  \n\n  - second\t\n\n", "first\n\n  - second",
	       "blank lines at either end and each line's trailing blanks go; an indent and a blank line between stay");
	cleans(" \n\t\n", NULL, "nothing but blanks is nothing written");
	cleans(NULL, NULL, "no text is nothing written");
	cleans("a\x1b[31mb", "a\xe2\x90\x9b[31mb", "a control character is shown, not kept");
	char *out = NULL;
	struct err e = {0};
	ok(model_learning_clean(LEARN_SUMMARY, "\xff", &out, &e) != 0 && !out && strstr(e.msg, "Summary"),
	   "bad UTF-8 is refused, naming the part (%s)", e.msg);

	reads("Runbook https://wiki.example.com/rb", "Runbook", "https://wiki.example.com/rb",
	      "a label, then an https address");
	reads("Incident channel: http://chat.example.com/c  ", "Incident channel", "http://chat.example.com/c",
	      "a colon after the label and trailing blanks are not part of either");
	reads("mailto:oncall@example.com", "", "mailto:oncall@example.com", "an address alone has no label");
	reads("Bad javascript:alert(1)", "Bad javascript:alert(1)", NULL,
	      "javascript: is no address a reader follows: all of it is the label");
	reads("https://a.example.com then words", "https://a.example.com then words", NULL,
	      "only the last word may be the address");
	reads("HTTPS://A.EXAMPLE.COM/X", "", "HTTPS://A.EXAMPLE.COM/X", "the scheme in any case");
	reads("https://", "https://", NULL, "a scheme alone is no address");

	ok(strcmp(model_learning_title(LEARN_FACTORS), "Contributing factors") == 0 &&
		   strcmp(model_learning_name(LEARN_LESSONS), "lessons") == 0,
	   "the parts' titles and names");
	return done_testing();
}
