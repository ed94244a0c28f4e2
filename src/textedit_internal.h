/* What textedit.c and textedit_wrap.c share: moving by clusters and
 * measuring (see textedit.c). */
#ifndef DEBRIEF_TEXTEDIT_INTERNAL_H
#define DEBRIEF_TEXTEDIT_INTERNAL_H

#include "debrief/textedit.h"

size_t te_cluster_end(const char *s, size_t len, size_t i);
size_t te_cluster_start(const char *s, size_t len, size_t i);
int te_span_width(const char *s, size_t a, size_t b);
/* The last cluster boundary in [a, b] whose column from a is <= col. */
size_t te_offset_at_col(const char *s, size_t len, size_t a, size_t b, int col);
enum te_result te_move_to(struct textedit *te, size_t to);
/* The text changed from byte `at` on: rows laid out before stay. */
void te_layout_changed(struct textedit *te, size_t at);

#endif
