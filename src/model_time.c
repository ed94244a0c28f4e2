/* The model: the meeting's time. Its clock, shared by every terminal, and
 * the run of show: each stage's time against the timebox its agenda
 * planned. */
#include "debrief/model.h"

#include <stdlib.h>
#include <string.h>

#include "debrief/session.h"

/* (A hand-edited file's figures are kept within a century.) */
#define CLOCK_MAX_SECS (100LL * 366 * 86400)

enum meeting_clock model_clock(const struct retro *r, int64_t now, int64_t *elapsed)
{
	*elapsed = 0;
	if (r->clock_started <= 0)
		return CLOCK_NOT_STARTED;
	enum meeting_clock state = r->status == RETRO_CLOSED ? CLOCK_STOPPED
				   : r->clock_paused_at > 0  ? CLOCK_PAUSED
							     : CLOCK_RUNNING;
	int64_t end = now;
	if (r->clock_paused_at > 0)
		end = r->clock_paused_at;
	if (state == CLOCK_STOPPED && r->closed_at > 0 && (r->clock_paused_at <= 0 || r->closed_at < end))
		end = r->closed_at;
	int64_t paused = r->clock_paused_secs < 0 ? 0 : r->clock_paused_secs;
	int64_t run = end - r->clock_started - (paused < CLOCK_MAX_SECS ? paused : CLOCK_MAX_SECS);
	*elapsed = run < 0 ? 0 : run > CLOCK_MAX_SECS ? CLOCK_MAX_SECS : run;
	return state;
}

int model_clock_toggle(struct store *st, const struct retro *r, struct err *e)
{
	int64_t el;
	switch (model_clock(r, clock_now(), &el)) {
	case CLOCK_STOPPED:
		return err_set(e, MODEL_CLOSED_MSG);
	case CLOCK_NOT_STARTED:
		return err_set(e, "The meeting's clock starts when the facilitator opens the meeting.");
	case CLOCK_PAUSED:
		return store_pause_clock(st, r->id, false, e);
	case CLOCK_RUNNING:
		break;
	}
	return store_pause_clock(st, r->id, true, e);
}

void model_stage_time(const struct retro *r, enum stage s, int64_t now, struct stage_time *out)
{
	int64_t elapsed;
	enum meeting_clock state = model_clock(r, now, &elapsed);
	memset(out, 0, sizeof *out);
	if (s < STAGE_PRIME || s > STAGE_COUNT)
		return;
	out->spent = r->spent_secs[s] > 0 ? r->spent_secs[s] : 0;
	if (s == r->timed_stage && state != CLOCK_NOT_STARTED) {
		int64_t here = elapsed - r->stage_entered;
		out->spent += here > 0 ? here : 0;
		out->running = state == CLOCK_RUNNING;
	}
	if (out->spent > CLOCK_MAX_SECS)
		out->spent = CLOCK_MAX_SECS;
	out->extra = r->extra_secs[s] > 0 ? r->extra_secs[s] : 0;
	out->plan = (r->plan_secs[s] > 0 ? r->plan_secs[s] : 0) + out->extra;
	if (out->plan > CLOCK_MAX_SECS)
		out->plan = CLOCK_MAX_SECS;
	out->over = out->plan > 0 && out->spent > out->plan;
}

int model_extend_stage(struct store *st, const struct retro *r, enum stage s, struct err *e)
{
	if (r->status == RETRO_CLOSED)
		return err_set(e, MODEL_CLOSED_MSG);
	if (s < STAGE_PRIME || s > STAGE_COUNT)
		return err_set(e, "no such stage");
	return store_extend_stage(st, r->id, s, MODEL_EXTEND_SECS, e);
}

int session_set_position(struct store *st, struct retro *r, enum stage stage,
			 const char *item_id, struct err *e)
{
	int64_t elapsed;
	model_clock(r, clock_now(), &elapsed);
	if (store_set_position(st, r->id, stage, item_id, elapsed, e) != 0)
		return -1;
	/* As storage keeps it (store_set_position), without reading it back. */
	if (r->status != RETRO_CLOSED && stage != r->timed_stage) {
		if (r->clock_started > 0 && r->timed_stage >= STAGE_PRIME && r->timed_stage <= STAGE_COUNT &&
		    elapsed > r->stage_entered)
			r->spent_secs[r->timed_stage] += elapsed - r->stage_entered;
		r->stage_entered = elapsed;
		r->timed_stage = stage;
	}
	return 0;
}
