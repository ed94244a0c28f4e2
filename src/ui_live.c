/* Other terminals on the same file: who is here, following the
 * facilitator, and showing what the others change; the list of
 * retrospectives read a window at a time. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui_internal.h"

/* An older debrief says "still here" every two seconds: silence for this
 * long means it is gone. This one says it once (store_presence_beat). */
#define PRESENCE_EXPIRES 10

void ui_stop_following(struct ui *ui)
{
	if (ui->follow && ui->role != ROLE_FACILITATOR) {
		ui->follow = false;
		ui->follow_held = false;
		ui_message(ui, false, "Stopped following the facilitator; f follows again.");
	}
}

static int64_t mono_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

static const char *presence_role(struct ui *ui)
{
	return ui->read_only ? "viewer" : ui->role == ROLE_SCRIBE ? "scribe" : "facilitator";
}

/* Whether this terminal already knew p's process to be the one that said
 * it is here. */
static bool known_present(const struct ui *ui, const struct presence *p)
{
	for (size_t i = 0; i < ui->n_present; i++)
		if (ui->present[i].pid == p->pid && strcmp(ui->present[i].id, p->id) == 0)
			return true;
	return false;
}

/* Who is here: those that said so, while their processes run. The caller
 * has noted the rows' fingerprint (presence_seen) first: a change meanwhile
 * is read at the next look. */
static void read_presence(struct ui *ui)
{
	struct err e;
	struct presence *v;
	size_t n;
	if (session_present(ui->st, ui->doc.retro.id, clock_now() - PRESENCE_EXPIRES, &v, &n, &e) != 0)
		return;
	size_t k = 0;
	bool mine = false;
	for (size_t i = 0; i < n; i++) {
		/* On one host a crashed process is known at once by its pid
		 * (and a later one given that id by when it began). */
		bool alive = (kill((pid_t)v[i].pid, 0) == 0 || errno == EPERM) &&
			     (known_present(ui, &v[i]) || session_present_runs(&v[i]));
		if (alive)
			v[k++] = v[i];
		mine = mine || strcmp(v[i].id, ui->presence_id) == 0;
	}
	if (!mine)
		ui->last_beat = 0; /* said, and gone since: said again */
	bool changed = k != ui->n_present;
	for (size_t i = 0; !changed && i < k; i++)
		changed = strcmp(v[i].id, ui->present[i].id) != 0 || strcmp(v[i].role, ui->present[i].role) != 0;
	free(ui->present);
	ui->present = v;
	ui->n_present = k;
	if (changed)
		ui->dirty = DIRTY_ALL;
	if (changed)
		ui_check_facilitators(ui, false);
}

void ui_load_presence(struct ui *ui)
{
	struct err e;
	struct retro_mark m;
	if (!ui->open)
		return;
	/* (so that a look reads the rows again only when they changed) */
	if (session_mark(ui->st, ui->doc.retro.id, &m, &e) == 0)
		ui->presence_seen = m.presence;
	read_presence(ui);
}

void ui_presence_tick(struct ui *ui)
{
	bool again = false;
	for (size_t i = 0; i < ui->n_present && !again; i++)
		again = ui->present[i].seen_at >= 0 || /* an older debrief's: it expires */
			(kill((pid_t)ui->present[i].pid, 0) != 0 && errno != EPERM);
	if (again)
		ui_load_presence(ui);
}

/* The facilitator that came last leads: an answer of 't' makes a newcomer
 * lead, and the terminal it took over from follows it. */
static bool is_facilitator(const struct presence *p)
{
	return strcmp(p->role, "facilitator") == 0;
}

static bool choose_role(struct ui *ui, int key)
{
	if (key == 's' || key == 'v') {
		ui->role = key == 's' ? ROLE_SCRIBE : ROLE_PARTICIPANT;
		ui->read_only = key == 'v';
		ui->follow = true;
		ui->focus = key == 's' ? FOCUS_NOTES : FOCUS_MAIN;
		ui_follow(ui);
		ui_message(ui, false, key == 's' ? "You take notes, following the facilitator (f stops)." :
			   "You watch, following the facilitator.");
	} else if (key == 't') {
		ui_message(ui, false, "You facilitate now: the other terminal follows you.");
	} else if (key == 'q') {
		ui->choosing_role = false;
		if (ui->from_list)
			ui_back_to_list(ui);
		else
			ui->quit = true;
		return true;
	} else {
		return false;
	}
	ui->choosing_role = false;
	ui->last_beat = 0; /* say who this terminal is at once */
	return true;
}

void ui_check_facilitators(struct ui *ui, bool arriving)
{
	if (!ui->open || ui->role != ROLE_FACILITATOR || ui->read_only || ui->choosing_role)
		return;
	size_t mine = ui->n_present, others = 0;
	for (size_t i = 0; i < ui->n_present; i++) {
		if (strcmp(ui->present[i].id, ui->presence_id) == 0)
			mine = i;
		else if (is_facilitator(&ui->present[i]) && (arriving || i > mine))
			others++; /* (arriving: not in the list yet, so all are before) */
	}
	if (others == 0)
		return;
	if (arriving) {
		ui->choosing_role = true;
		ui_ask(ui, NULL, NULL, "Another facilitator is here: s scribe · v view · t take over · q quit");
		ui->confirm_choose = choose_role;
		return;
	}
	ui->role = ROLE_SCRIBE;
	ui->follow = true;
	ui->last_beat = 0;
	ui_follow(ui);
	ui_message(ui, false, "Another terminal took over facilitating: you follow it, taking notes.");
}

/* Says this terminal is here: once, as it stays while it runs, and again
 * in a new role (a caller sets last_beat to 0). Every other terminal wakes
 * for it, as the set of those here has changed. */
void ui_beat(struct ui *ui)
{
	struct err e;
	if (!ui->open || ui->choosing_role || ui->last_beat)
		return;
	/* Busy (another program writing): said at the next wake-up. */
	if (session_beat(ui->st, ui->doc.retro.id, ui->presence_id, presence_role(ui),
			 (long)getpid(), &e) == 0)
		ui->last_beat = mono_seconds() + 1; /* (never 0: said) */
	ui_load_presence(ui);
}

/* Moves to where the facilitator is. */
void ui_follow(struct ui *ui)
{
	struct retro_mark m;
	struct err e;
	if (!ui->open || session_mark(ui->st, ui->doc.retro.id, &m, &e) != 0)
		return;
	if (ui_layer_open(ui, LAYER_HOLDS_FOLLOW)) {
		if (!ui->follow_held || m.stage != ui->follow_stage || strcmp(m.item, ui->follow_item) != 0)
			ui->dirty = DIRTY_ALL;
		ui->follow_held = true;
		ui->follow_stage = m.stage;
		str_copy(ui->follow_item, ID_LEN, m.item);
		return;
	}
	if (ui->follow_held)
		ui->dirty = DIRTY_ALL;
	ui->follow_held = false;
	if (m.stage != ui->stage)
		ui->dirty = DIRTY_ALL;
	ui->stage = m.stage;
	char before[ID_LEN];
	ui_selected_id(ui, ui->stage, before);
	ui_select_id(ui, m.item);
	if (strcmp(before, m.item) != 0)
		ui->dirty = DIRTY_ALL;
}

/* Another terminal committed something: show it, without touching what is
 * being typed here. */
static void look_outside(struct ui *ui);

bool ui_check_outside(struct ui *ui)
{
	struct err e;
	long long v;
	struct store_counts before, after;
	if (ui->counts)
		session_test_counts(ui->st, &before);
	if (session_data_version(ui->st, &v, &e) != 0 || v == ui->data_version)
		return false;
	ui->data_version = v;
	unsigned long partial = ui->reloads[REFRESH_PARTIAL], whole = ui->reloads[REFRESH_FULL];
	unsigned long long walked = ui->timeline_walked;
	look_outside(ui);
	if (!ui->counts)
		return true;
	session_test_counts(ui->st, &after);
	ui_count(ui, "outside reload=%s rows=%lld steps=%lld timeline=%llu",
		 ui->reloads[REFRESH_FULL] != whole ? "whole" :
		 ui->reloads[REFRESH_PARTIAL] != partial ? "partial" : "none",
		 after.rows - before.rows, after.steps - before.steps, ui->timeline_walked - walked);
	return true;
}

/* What another program changed: shown. */
static void look_outside(struct ui *ui)
{
	struct err e;
	if (ui->board == BOARD_ACTIONS) {
		ui->acts.loaded = false; /* read again when drawn */
		ui->dirty = DIRTY_ALL;
	}
	if (ui->in_list) {
		ui->list_loaded = false; /* counted and read again when drawn */
		ui->dirty = DIRTY_ALL;
		return;
	}
	if (!ui->open)
		return;
	struct retro_mark m;
	if (session_mark(ui->st, ui->doc.retro.id, &m, &e) != 0)
		return;
	const struct retro *r = &ui->doc.retro;
	bool was_deleted = r->deleted_at != 0;
	uint64_t accepted = r->timeline_accepted ? text_hash(r->timeline_accepted,
							      strlen(r->timeline_accepted)) : 0;
	if (m.rev != r->rev || m.status != r->status || m.clock_started != r->clock_started ||
	    m.clock_paused_at != r->clock_paused_at || m.clock_paused_secs != r->clock_paused_secs ||
	    m.deleted != was_deleted || m.timed_stage != r->timed_stage ||
	    m.stage_entered != r->stage_entered || m.timebox_rev != r->timebox_rev ||
	    m.timeline_accepted != accepted || m.last_change > ui->doc.change_seq)
		ui_reload(ui);
	/* Deleted elsewhere (or brought back): the meeting goes on, and what
	 * it writes is kept all the same; only the list leaves it out. */
	if (m.deleted != was_deleted)
		ui_message(ui, false, m.deleted ? "Deleted elsewhere; the meeting goes on and all is kept." :
			   "Brought back to the list elsewhere.");
	if (ui->follow)
		ui_follow(ui);
	/* Who is here is read again when its rows changed: not at every note
	 * (that read grew with the number of terminals). One that died
	 * without a word is found by the clock's look (ui_presence_tick). */
	if (m.presence != ui->presence_seen || !ui->present) {
		ui->presence_seen = m.presence;
		read_presence(ui);
	}
}

static void drop_list_window(struct ui *ui)
{
	session_free_summaries(ui->list, ui->n_list);
	ui->list = NULL;
	ui->n_list = 0;
	ui->list_base = 0;
}

/* Forgets what was read of the list: its rows are read as drawn, and how
 * many there are only once something needs it (moving, scrolling): the
 * first screen of a thousand costs what the first screen of ten does. */
void ui_load_list(struct ui *ui)
{
	drop_list_window(ui);
	ui->list_loaded = true;
	ui->list_counted = false;
}

struct retro_filter ui_list_filter(const struct ui *ui)
{
	return (struct retro_filter){.deleted = false, .text = ui->list_filter};
}

size_t ui_list_total(struct ui *ui)
{
	if (!ui->list_loaded)
		ui_load_list(ui);
	if (!ui->list_counted) {
		struct err e = {0};
		struct retro_filter f = ui_list_filter(ui);
		if (session_count_retros(ui->st, &f, &ui->list_total, &e) != 0)
			ui_message(ui, true, "%s", e.msg);
		ui->list_counted = true;
		if (ui->list_sel >= ui->list_total)
			ui->list_sel = ui->list_total ? ui->list_total - 1 : 0;
	}
	return ui->list_total;
}

const struct retro_summary *ui_list_row(struct ui *ui, size_t i, size_t first, size_t count)
{
	if (!ui->list_loaded)
		ui_load_list(ui);
	if (ui->list_counted && i >= ui->list_total)
		return NULL;
	if (i < ui->list_base || i >= ui->list_base + ui->n_list) {
		struct err e = {0};
		drop_list_window(ui);
		if (first > i || i - first >= count) { /* the window must hold i */
			first = i;
			count = 1;
		}
		struct retro_filter f = ui_list_filter(ui);
		if (session_list_retros_page(ui->st, &f, first, count, &ui->list, &ui->n_list, &e) != 0) {
			ui_message(ui, true, "%s", e.msg);
			return NULL;
		}
		ui->list_base = first;
		if (i >= first + ui->n_list) /* the list shrank meanwhile */
			return NULL;
	}
	return &ui->list[i - ui->list_base];
}

bool ui_writes_waiting(const struct ui *ui)
{
	return ui->open && ((ui->n_pending && !ui->pending_refused) || ui->position_unsaved);
}

void ui_catch_up_writes(struct ui *ui)
{
	if (!ui->open)
		return;
	if (ui->n_pending)
		notes_flush_pending(ui);
	if (ui->position_unsaved)
		ui_save_position(ui);
}
