/* The line loop of read/text.py's ``read_text`` in C: the same rows, built without the
 * interpreter's cost per line.
 *
 * Why: on a report of ~300 lines, most of them one cell per line ("\t0"), the Python loop was a
 * fifth of all the instructions a corpus worker spends on a text report (callgrind). The loop's
 * rules stay written once, in Python (``text._read_lines``, the reference): this module does the
 * common lines itself (block cells, empty lines, tab-separated rows) and hands every other line to
 * the same Python functions the reference calls (``line_row``, the flattened-report split, the
 * Markdown heading test). tests/test_read_text_compiled.py checks that both give the same rows.
 *
 * RawCell and RawRow objects are made by their slots (../_slots.h), as their __init__ leaves them.
 */
#include "../_slots.h"

typedef struct {
    PyTypeObject *cell_type;
    Py_ssize_t cell_text, cell_where, cell_covered, cell_run;
    PyTypeObject *row_type;
    Py_ssize_t row_cells, row_where, row_structured, row_heading, row_gap, row_pipe_open, row_pipe_close;
    PyObject *line_row;     /* line_row(line, where) -> RawRow */
    PyObject *flat_rows;    /* flat_rows(line, where) -> list[RawRow] */
    PyObject *md_heading;   /* _MD_HEADING.match */
    PyObject *flat_table;   /* _FLAT_TABLE.search */
    PyObject *line_places;  /* _line_places(number, n) -> tuple[Location, ...] */
    Py_ssize_t flat_line;
    PyObject *gap_name;
    int ready;
} State;

static State S;

#define SLOT GK_SLOT

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *cell_type, *row_type, *line_row, *flat_rows, *md_heading, *flat_table, *line_places;
    Py_ssize_t flat_line;
    if (!PyArg_ParseTuple(args, "O!O!OOOOOn", &PyType_Type, &cell_type, &PyType_Type, &row_type, &line_row,
                          &flat_rows, &md_heading, &flat_table, &line_places, &flat_line)) {
        return NULL;
    }
    static const char *const cell_fields[] = {"text", "where", "covered", "run"};
    static const char *const row_fields[] = {"cells", "where", "structured", "heading", "gap", "pipe_open",
                                             "pipe_close"};
    PyTypeObject *ct = (PyTypeObject *)cell_type, *rt = (PyTypeObject *)row_type;
    Py_ssize_t cell_offsets[4], row_offsets[7];
    if (gk_check_fields(ct, cell_fields, 4, cell_offsets) < 0 || gk_check_fields(rt, row_fields, 7, row_offsets) < 0) {
        return NULL;
    }
    S.cell_text = cell_offsets[0];
    S.cell_where = cell_offsets[1];
    S.cell_covered = cell_offsets[2];
    S.cell_run = cell_offsets[3];
    S.row_cells = row_offsets[0];
    S.row_where = row_offsets[1];
    S.row_structured = row_offsets[2];
    S.row_heading = row_offsets[3];
    S.row_gap = row_offsets[4];
    S.row_pipe_open = row_offsets[5];
    S.row_pipe_close = row_offsets[6];
    Py_XSETREF(S.cell_type, (PyTypeObject *)Py_NewRef(ct));
    Py_XSETREF(S.row_type, (PyTypeObject *)Py_NewRef(rt));
    Py_XSETREF(S.line_row, Py_NewRef(line_row));
    Py_XSETREF(S.flat_rows, Py_NewRef(flat_rows));
    Py_XSETREF(S.md_heading, Py_NewRef(md_heading));
    Py_XSETREF(S.flat_table, Py_NewRef(flat_table));
    Py_XSETREF(S.line_places, Py_NewRef(line_places));
    if (S.gap_name == NULL && (S.gap_name = PyUnicode_InternFromString("gap")) == NULL) {
        return NULL;
    }
    S.flat_line = flat_line;
    S.ready = 1;
    Py_RETURN_NONE;
}

/* RawCell(text, where): steals ``text``. */
static PyObject *
new_cell(PyObject *text, PyObject *where)
{
    if (text == NULL) {
        return NULL;
    }
    PyObject *cell = S.cell_type->tp_alloc(S.cell_type, 0);
    if (cell == NULL) {
        Py_DECREF(text);
        return NULL;
    }
    SLOT(cell, S.cell_text) = text;
    SLOT(cell, S.cell_where) = Py_NewRef(where);
    SLOT(cell, S.cell_covered) = Py_NewRef(Py_False);
    SLOT(cell, S.cell_run) = Py_NewRef(Py_False);
    return cell;
}

/* RawRow(cells, where, structured, False, gap): steals ``cells``. */
static PyObject *
new_row(PyObject *cells, PyObject *where, int structured, Py_ssize_t gap)
{
    PyObject *count = PyLong_FromSsize_t(gap);
    if (count == NULL) {
        Py_DECREF(cells);
        return NULL;
    }
    PyObject *row = S.row_type->tp_alloc(S.row_type, 0);
    if (row == NULL) {
        Py_DECREF(cells);
        Py_DECREF(count);
        return NULL;
    }
    SLOT(row, S.row_cells) = cells;
    SLOT(row, S.row_where) = Py_NewRef(where);
    SLOT(row, S.row_structured) = Py_NewRef(structured ? Py_True : Py_False);
    SLOT(row, S.row_heading) = Py_NewRef(Py_False);
    SLOT(row, S.row_gap) = count;
    SLOT(row, S.row_pipe_open) = Py_NewRef(Py_False);
    SLOT(row, S.row_pipe_close) = Py_NewRef(Py_False);
    return row;
}

/* ``places[number]``: a tuple indexed directly, anything else (text._OnDemand) by __getitem__. */
static PyObject *
place_of(PyObject *places, Py_ssize_t number)
{
    if (PyTuple_CheckExact(places)) {
        if (number < PyTuple_GET_SIZE(places)) {
            return Py_NewRef(PyTuple_GET_ITEM(places, number));
        }
        PyErr_SetString(PyExc_IndexError, "places: tuple index out of range");
        return NULL;
    }
    PyObject *index = PyLong_FromSsize_t(number);
    if (index == NULL) {
        return NULL;
    }
    PyObject *out = PyObject_GetItem(places, index);
    Py_DECREF(index);
    return out;
}

static int
set_gap(PyObject *row, Py_ssize_t gap)
{
    PyObject *count = PyLong_FromSsize_t(gap);
    if (count == NULL) {
        return -1;
    }
    int rc = PyObject_SetAttr(row, S.gap_name, count);
    Py_DECREF(count);
    return rc;
}

/* Append a block's row and start no block. */
static int
close_block(PyObject *rows, PyObject **block, PyObject *places, Py_ssize_t block_start, Py_ssize_t block_gap)
{
    PyObject *where = place_of(places, block_start);
    if (where == NULL) {
        return -1;
    }
    PyObject *cells = *block;
    *block = NULL;
    PyObject *row = new_row(cells, where, 1, block_gap);
    Py_DECREF(where);
    if (row == NULL) {
        return -1;
    }
    int rc = PyList_Append(rows, row);
    Py_DECREF(row);
    return rc;
}

/* The cells of a tab-separated line, each stripped and placed at its column of the line. */
static PyObject *
tab_row(PyObject *line, Py_ssize_t length, Py_ssize_t tabs, Py_ssize_t number, PyObject *where, Py_ssize_t gap)
{
    Py_ssize_t n = tabs + 1;
    PyObject *places = PyObject_CallFunction(S.line_places, "nn", number, n);
    if (places == NULL) {
        return NULL;
    }
    if (!PyTuple_Check(places) || PyTuple_GET_SIZE(places) < n) {
        Py_DECREF(places);
        PyErr_SetString(PyExc_TypeError, "_line_places must give a tuple of at least one place per field");
        return NULL;
    }
    PyObject *cells = PyList_New(n);
    if (cells == NULL) {
        Py_DECREF(places);
        return NULL;
    }
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t start = 0, field = 0;
    for (Py_ssize_t i = 0; i <= length; i++) {
        if (i < length && PyUnicode_READ(kind, data, i) != '\t') {
            continue;
        }
        PyObject *cell = new_cell(gk_stripped(line, start, i), PyTuple_GET_ITEM(places, field));
        if (cell == NULL) {
            Py_DECREF(places);
            Py_DECREF(cells);
            return NULL;
        }
        PyList_SET_ITEM(cells, field, cell);
        field++;
        start = i + 1;
    }
    Py_DECREF(places);
    return new_row(cells, where, 1, gap);
}

static PyObject *
read_lines(PyObject *self, PyObject *args)
{
    PyObject *rows, *lines, *places;
    int carriage;
    if (!PyArg_ParseTuple(args, "O!O!Op", &PyList_Type, &rows, &PyList_Type, &lines, &places, &carriage)) {
        return NULL;
    }
    if (!S.ready) {
        PyErr_SetString(PyExc_RuntimeError, "read/_text.c: configure() was not called");
        return NULL;
    }
    PyObject *block = NULL;  /* the open block's list of cells */
    Py_ssize_t block_start = 0, block_gap = 0, gap = 0;
    Py_ssize_t count = PyList_GET_SIZE(lines);
    for (Py_ssize_t index = 0; index < count; index++) {
        Py_ssize_t number = index + 1;
        if ((number & 4095) == 0 && PyErr_CheckSignals() < 0) {  /* the worker's time budget */
            goto error;
        }
        PyObject *line = PyList_GET_ITEM(lines, index); /* borrowed, kept alive by the list */
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "lines must be str");
            goto error;
        }
        Py_INCREF(line);
        Py_ssize_t length = PyUnicode_GET_LENGTH(line);
        int kind = PyUnicode_KIND(line);
        const void *data = PyUnicode_DATA(line);
        if (carriage && length && PyUnicode_READ(kind, data, length - 1) == '\r') {
            Py_ssize_t end = length;
            while (end > 0 && PyUnicode_READ(kind, data, end - 1) == '\r') {
                end--;
            }
            Py_SETREF(line, PyUnicode_Substring(line, 0, end));
            if (line == NULL) {
                goto error;
            }
            length = end;
            kind = PyUnicode_KIND(line);
            data = PyUnicode_DATA(line);
        }
        Py_ssize_t tabs = 0, first_other = -1;  /* first_other: the first character not " " */
        int pipe = 0, blank = 1;
        for (Py_ssize_t i = 0; i < length; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c == '\t') {
                tabs++;
            }
            else if (c == '|') {
                pipe = 1;
            }
            if (first_other < 0 && c != ' ') {
                first_other = i;
            }
            if (blank && !Py_UNICODE_ISSPACE(c)) {
                blank = 0;
            }
        }
        if (tabs == 1 && PyUnicode_READ(kind, data, first_other) == '\t') {
            /* A block cell: one tab, led by nothing but spaces. */
            if (block == NULL) {
                if ((block = PyList_New(0)) == NULL) {
                    goto error_line;
                }
                block_start = number;
                block_gap = gap;
                gap = 0;
            }
            PyObject *where = place_of(places, number);
            if (where == NULL) {
                goto error_line;
            }
            PyObject *cell = new_cell(gk_stripped(line, 0, length), where);
            Py_DECREF(where);
            if (cell == NULL || PyList_Append(block, cell) < 0) {
                Py_XDECREF(cell);
                goto error_line;
            }
            Py_DECREF(cell);
            Py_DECREF(line);
            continue;
        }
        if (length == 0 || blank) {
            if (block != NULL && close_block(rows, &block, places, block_start, block_gap) < 0) {
                goto error_line;
            }
            gap++;
            Py_DECREF(line);
            continue;
        }
        if (block != NULL) {
            int heading = 0;
            if (!tabs) {
                PyObject *m = PyObject_CallOneArg(S.md_heading, line);
                if (m == NULL) {
                    goto error_line;
                }
                heading = m != Py_None;
                Py_DECREF(m);
            }
            if (!tabs && !heading) {
                /* A cell's text wrapped onto a line of its own inside a one-cell-per-line row. */
                Py_ssize_t last_index = PyList_GET_SIZE(block) - 1;
                PyObject *last = PyList_GET_ITEM(block, last_index);
                PyObject *rest = gk_stripped(line, 0, length);
                if (rest == NULL) {
                    goto error_line;
                }
                PyObject *joined = PyUnicode_Concat(SLOT(last, S.cell_text), rest);
                Py_DECREF(rest);
                PyObject *cell = new_cell(joined, SLOT(last, S.cell_where));
                if (cell == NULL) {
                    goto error_line;
                }
                PyList_SET_ITEM(block, last_index, cell);  /* steals; the old cell released below */
                Py_DECREF(last);
                Py_DECREF(line);
                continue;
            }
            if (close_block(rows, &block, places, block_start, block_gap) < 0) {
                goto error_line;
            }
        }
        PyObject *where = place_of(places, number);
        if (where == NULL) {
            goto error_line;
        }
        if (length > S.flat_line) {
            PyObject *m = PyObject_CallOneArg(S.flat_table, line);
            if (m == NULL) {
                Py_DECREF(where);
                goto error_line;
            }
            int flat = m != Py_None;
            Py_DECREF(m);
            if (flat) {
                PyObject *pieces = PyObject_CallFunctionObjArgs(S.flat_rows, line, where, NULL);
                Py_DECREF(where);
                if (pieces == NULL) {
                    goto error_line;
                }
                if (!PyList_Check(pieces)) {
                    Py_DECREF(pieces);
                    PyErr_SetString(PyExc_TypeError, "flat_rows must give a list");
                    goto error_line;
                }
                for (Py_ssize_t k = 0; k < PyList_GET_SIZE(pieces); k++) {
                    PyObject *row = PyList_GET_ITEM(pieces, k);
                    if (set_gap(row, gap) < 0 || PyList_Append(rows, row) < 0) {
                        Py_DECREF(pieces);
                        goto error_line;
                    }
                    gap = 0;
                }
                Py_DECREF(pieces);
                Py_DECREF(line);
                continue;
            }
        }
        PyObject *row;
        int gapped = 0;  /* whether the row holds its gap already */
        if (tabs && !pipe) {
            row = tab_row(line, length, tabs, number, where, gap);
            gapped = 1;
        }
        else {
            row = PyObject_CallFunctionObjArgs(S.line_row, line, where, NULL);
        }
        Py_DECREF(where);
        if (row == NULL) {
            goto error_line;
        }
        if ((!gapped && set_gap(row, gap) < 0) || PyList_Append(rows, row) < 0) {
            Py_DECREF(row);
            goto error_line;
        }
        gap = 0;
        Py_DECREF(row);
        Py_DECREF(line);
        continue;
    error_line:
        Py_DECREF(line);
        goto error;
    }
    if (block != NULL && close_block(rows, &block, places, block_start, block_gap) < 0) {
        goto error;
    }
    Py_RETURN_NONE;
error:
    Py_XDECREF(block);
    return NULL;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS,
     "configure(RawCell, RawRow, line_row, flat_rows, md_heading_match, flat_table_search, line_places, "
     "flat_line): the Python parts the loop hands lines to."},
    {"read_lines", read_lines, METH_VARARGS,
     "read_lines(rows, lines, places, carriage): append the rows of ``lines`` to ``rows`` as "
     "text._read_lines does."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_text", "read_text's line loop, compiled (see read/text.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__text(void)
{
    return PyModule_Create(&module);
}
