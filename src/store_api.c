/* Storage's public face: each store_* function of debrief/store.h hands
 * the call to the backend of the connection it is given
 * (debrief/store_backend.h). The compiler holds each generated definition
 * to its prototype in debrief/store.h. */
#include "debrief/store_backend.h"

/* The connection's backend: every connection begins with its head. */
#define OPS(st) (((const struct store_head *)(const void *)(st))->ops)

void store_close(struct store *st)
{
	if (st)
		OPS(st)->close(st);
}

#define STORE_DISPATCH_(r, op, p, a) \
	r store_##op p               \
	{                            \
		return OPS(st)->op a; \
	}
STORE_OPS(STORE_DISPATCH_)
#undef STORE_DISPATCH_
