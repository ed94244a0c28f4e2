/* libFuzzer target for the text widget: the input is a script of edits
 * (keys, typed code points, pastes, te_set) and layout calls; after every
 * step the editor's invariants are checked and a violation aborts.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
 *     src/text.c src/textedit.c tests/fuzz/fuzz_textedit.c -o /tmp/fuzz_te
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "debrief/text.h"
#include "debrief/textedit.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Code points worth typing more often than chance would. */
static const unsigned interesting[] = {
	'a', ' ', '\n', '\t', '\r', 0x1b, 0x7f, 0x85, 0xe9, 0x301, 0x302,
	0x200d, 0xfe0f, 0x65e5, 0x3000, 0x1f692, 0x1f468, 0x2764, 0xfffd,
	0xd800, 0x110000, 0,
};


static bool is_cont(const char *s, size_t i)
{
	return ((unsigned char)s[i] & 0xC0) == 0x80;
}

static void check_buffer(const struct textedit *te, size_t limit)
{
	const char *s = te_text(te);
	size_t len = te->buf.len;
	check(strlen(s) == len);
	check(utf8_valid(s, len));
	check(len <= limit);
	check(te->cursor <= len);
	check(te->cursor == len || !is_cont(s, te->cursor));
	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		check(n > 0);
		if (cp == '\n')
			check(te->multiline);
		else
			check(cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0));
		i += n;
	}
}

static void check_view(struct textedit *te, int width)
{
	const char *s = te_text(te);
	size_t cur = te->cursor, ls = cur, le = cur;
	while (ls > 0 && s[ls - 1] != '\n')
		ls--;
	while (le < te->buf.len && s[le] != '\n')
		le++;
	size_t start, end;
	int col;
	te_view_line(te, width, &start, &end, &col);
	if (width < 1) {
		check(start == cur && end == cur && col == 0);
		return;
	}
	check(ls <= start && start <= cur && cur <= end && end <= le);
	check(start == te->buf.len || !is_cont(s, start));
	check(end == te->buf.len || !is_cont(s, end));
	check(te_width(s + start, end - start) <= width);
	check(col >= 0 && col <= width - 1);
	check(col == te_width(s + start, cur - start));
}

static void check_wrap(struct textedit *te, int width)
{
	const char *s = te_text(te);
	size_t len = te->buf.len;
	int w = width < 1 ? 1 : width;
	size_t n = te_wrap(te, width, NULL, 0);
	check(n >= 1 && n <= 2 * len + 2);
	struct te_row *rows = xmalloc(n * sizeof *rows);
	check(te_wrap(te, width, rows, n) == n);
	check(rows[0].start == 0 && rows[n - 1].end == len);
	for (size_t i = 0; i < n; i++) {
		struct te_row r = rows[i];
		check(r.start <= r.end && r.end <= len);
		check(r.start == len || !is_cont(s, r.start));
		check(r.end == len || !is_cont(s, r.end));
		check(memchr(s + r.start, '\n', r.end - r.start) == NULL);
		/* Only a lone wide character may overflow a one-column pane. */
		int rw = te_width(s + r.start, r.end - r.start);
		check(rw <= w || (w == 1 && rw == 2));
		if (i + 1 < n) {
			size_t next = rows[i + 1].start;
			check(next == r.end || (s[r.end] == '\n' && next == r.end + 1));
		}
	}
	int row, col;
	te_cursor_rowcol(te, width, &row, &col);
	check(row >= 0 && (size_t)row < n);
	check(col >= 0 && col <= w - 1);
	struct te_row r = rows[row];
	check(r.start <= te->cursor && te->cursor <= r.end);
	check(col == te_width(s + r.start, te->cursor - r.start));
	/* The layout kept between keys is the one laid out afresh. */
	const struct te_laid *kept;
	check(te_layout(te, width, &kept) == n);
	for (size_t k = 0; k < n; k++)
		check(kept[k].row.start == rows[k].start && kept[k].row.end == rows[k].end);
	int kcol;
	check(te_layout_cursor(te, width, &kcol) == (size_t)row && kcol == col);
	free(rows);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		abort(); /* widths would be meaningless */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct textedit te;
	te_init(&te, data[0] & 1);
	/* Small limits make truncation at a boundary happen often. */
	if (data[0] & 2)
		te.max_bytes = (size_t)(data[0] >> 2) * 3 + 1;
	size_t limit = te.max_bytes ? te.max_bytes : TE_DEFAULT_MAX_BYTES;

	size_t i = 1;
	while (i < size) {
		unsigned op = data[i++] % 8;
		size_t avail = size - i;
		switch (op) {
		case 0:
		case 1:
			if (avail >= 1)
				te_key(&te, (enum te_key)(data[i++] % TE_KEY_COUNT));
			break;
		case 2:
			if (avail >= 3) {
				unsigned cp = (unsigned)data[i] << 16 |
					      (unsigned)data[i + 1] << 8 | data[i + 2];
				te_insert_cp(&te, cp % 0x110800);
				i += 3;
			}
			break;
		case 3:
			if (avail >= 1) {
				unsigned b = data[i++];
				size_t k = sizeof interesting / sizeof interesting[0];
				te_insert_cp(&te, b < 128 ? b : interesting[b % k]);
			}
			break;
		case 4:
		case 5:
			if (avail >= 1) {
				size_t n = data[i++] % 32;
				if (n > size - i)
					n = size - i;
				if (op == 4) {
					te_insert(&te, (const char *)data + i, n);
				} else {
					char *copy = xstrndup((const char *)data + i, n);
					te_set(&te, copy);
					free(copy);
				}
				i += n;
			}
			break;
		case 6:
			if (avail >= 1)
				check_view(&te, (int)(data[i++] % 40) - 1);
			break;
		case 7:
			if (avail >= 1) {
				int w = (int)(data[i] % 40) - 1;
				check_wrap(&te, w);
				te_move_row(&te, w, data[i++] & 0x80);
			}
			break;
		}
		check_buffer(&te, limit);
	}
	check_view(&te, 7);
	check_wrap(&te, 7);
	te_free(&te);
	return 0;
}
