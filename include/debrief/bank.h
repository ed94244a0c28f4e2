/* The facilitator's aids, as data a team may replace: the question bank
 * (questions to ask about an event, by its kind and its mark) and the
 * blameless-language nudge (phrases that blame or second-guess, each group
 * with a question that reframes them). Read from share/debrief/, or from
 * the same names in the user's settings folder, which replace them.
 * No curses, no storage: plain text in, plain data out. */
#ifndef DEBRIEF_BANK_H
#define DEBRIEF_BANK_H

#include <stdbool.h>
#include <stddef.h>

#include "debrief/error.h"
#include "debrief/types.h"

#define BANK_FILE "event-questions.txt"
#define NUDGE_FILE "nudge.txt"

/* A group of questions: for events of one kind, of one mark, or any. */
enum ask_for { ASK_KIND, ASK_MARK, ASK_ANY };
struct ask_group {
	enum ask_for what;
	int value; /* the kind or the mark */
	char **questions;
	size_t n;
};
struct ask_bank {
	char *file; /* where it was read */
	struct ask_group *groups;
	size_t n;
};

/* "[KIND]", "[mark MARK]" or "[any]" start a group (KIND and MARK as the
 * timeline names them: detection, lucky, ...); "- question" lines follow;
 * '#' starts a comment line. "FILE:LINE: what is wrong" on failure. */
int ask_bank_parse(const char *text, size_t len, const char *file, struct ask_bank *out,
		   struct err *e);
/* The user's bank when there is one, else the shipped one. */
int ask_bank_load(struct ask_bank *out, struct err *e);
void ask_bank_free(struct ask_bank *b);
/* Up to max questions for an event: its mark's first, then its kind's,
 * then those for any event; each once. Returns how many. */
size_t ask_bank_for(const struct ask_bank *b, enum event_kind kind, enum event_mark mark,
		    const char **out, size_t max);

/* The nudge: phrases (matched whole words, in any case), grouped under a
 * reframing question. */
struct nudge_phrase {
	char *text;
	size_t len;          /* strlen(text) */
	unsigned char first; /* its first byte in lower case */
	size_t group;        /* its reframing question's index */
	const char *reframe; /* and that question */
};
struct nudge {
	char *file;
	struct nudge_phrase *phrases;
	size_t n;
	char **reframes;
	size_t n_reframes;
	unsigned char starts[32]; /* a bit for each first byte (lower case) of a phrase */
};
/* "? reframing question" starts a group; each other line is a phrase;
 * '#' starts a comment line. */
int nudge_parse(const char *text, size_t len, const char *file, struct nudge *out,
		struct err *e);
int nudge_load(struct nudge *out, struct err *e);
void nudge_free(struct nudge *n);
/* The first phrase in text[0..len) at or after from: true, with where it
 * is and its phrase. */
bool nudge_find(const struct nudge *n, const char *text, size_t len, size_t from, size_t *at,
		size_t *span, const struct nudge_phrase **which);

#endif
