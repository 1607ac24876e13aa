/* The token loop of parse/segment.py's ``read_rows`` in C: the same rows of tokens, built without
 * the interpreter's cost per cell.
 *
 * Why: after the text reader, this loop was the largest single cost of a text report. Its rules
 * stay written once, in Python (``segment._read_rows``, the reference): this module runs the loop
 * and makes the tokens, and hands every decision about labels (a new row, a label that goes on, the
 * rest of a wrapped label, a cell text not classified before) to the Python functions the reference
 * calls. tests/test_segment_compiled.py checks that both give the same rows.
 */
#include "../_slots.h"

enum { RAWCELL_TEXT, RAWCELL_COVERED, RAWCELL_RUN, RAWCELL_N };
enum { RAWROW_CELLS, RAWROW_STRUCTURED, RAWROW_GAP, RAWROW_PIPE_OPEN, RAWROW_PIPE_CLOSE, RAWROW_N };
enum { READ_VALUES, READ_LABELS, READ_SPEC, READ_GRID, READ_CUT, READ_NUMBERS, READ_SPECIAL, READ_FIRM, READ_N };

typedef struct {
    PyTypeObject *cell_type, *row_type, *token_type, *read_type;
    Py_ssize_t cell[RAWCELL_N], row[RAWROW_N], read[READ_N];
    Py_ssize_t token_kind, token_reading, token_cell, token_loose;
    PyObject *classify;      /* _classify(spec, text) -> (kind, reading, special) */
    PyObject *rest_of_label; /* _rest_of_label(row, raw) -> bool */
    PyObject *join_labels;   /* _join_labels(spec, row, raw) */
    PyObject *continues;     /* _continues(spec, current, cell) -> bool */
    PyObject *add_label;     /* _add_label(spec, row, cell) */
    PyObject *number, *gap, *brk, *covered, *header, *label; /* token kinds */
    PyObject *blank;         /* _BLANK_READING */
    PyObject *run;           /* _RUN: (kind, reading, special) of a digit run */
    PyObject *grid_name, *columns_name, *one;
    int ready;
} State;

static State S;

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *cell_type, *row_type, *token_type, *read_type;
    PyObject *classify, *rest_of_label, *join_labels, *continues, *add_label;
    PyObject *number, *gap, *brk, *covered, *header, *label, *blank, *run;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OOOOOOOOOOOOO", &PyType_Type, &cell_type, &PyType_Type, &row_type,
                          &PyType_Type, &token_type, &PyType_Type, &read_type, &classify, &rest_of_label,
                          &join_labels, &continues, &add_label, &number, &gap, &brk, &covered, &header, &label,
                          &blank, &run)) {
        return NULL;
    }
    static const char *const cell_fields[] = {"text", "where", "covered", "run"};
    static const char *const row_fields[] = {"cells", "where", "structured", "heading", "gap", "pipe_open",
                                             "pipe_close"};
    static const char *const token_fields[] = {"kind", "reading", "cell", "loose"};
    static const char *const read_fields[] = {"index", "raw", "labels", "spec", "values", "grid", "cut",
                                              "stacked", "placed", "numbers", "special", "firm"};
    Py_ssize_t c[4], r[7], t[4], d[12];
    if (gk_check_fields((PyTypeObject *)cell_type, cell_fields, 4, c) < 0
        || gk_check_fields((PyTypeObject *)row_type, row_fields, 7, r) < 0
        || gk_check_fields((PyTypeObject *)token_type, token_fields, 4, t) < 0
        || gk_check_fields((PyTypeObject *)read_type, read_fields, 12, d) < 0) {
        return NULL;
    }
    if (!PyTuple_Check(run) || PyTuple_GET_SIZE(run) != 3) {
        PyErr_SetString(PyExc_TypeError, "_RUN must be (kind, reading, special)");
        return NULL;
    }
    S.cell[RAWCELL_TEXT] = c[0];
    S.cell[RAWCELL_COVERED] = c[2];
    S.cell[RAWCELL_RUN] = c[3];
    S.row[RAWROW_CELLS] = r[0];
    S.row[RAWROW_STRUCTURED] = r[2];
    S.row[RAWROW_GAP] = r[4];
    S.row[RAWROW_PIPE_OPEN] = r[5];
    S.row[RAWROW_PIPE_CLOSE] = r[6];
    S.token_kind = t[0];
    S.token_reading = t[1];
    S.token_cell = t[2];
    S.token_loose = t[3];
    S.read[READ_LABELS] = d[2];
    S.read[READ_SPEC] = d[3];
    S.read[READ_VALUES] = d[4];
    S.read[READ_GRID] = d[5];
    S.read[READ_CUT] = d[6];
    S.read[READ_NUMBERS] = d[9];
    S.read[READ_SPECIAL] = d[10];
    S.read[READ_FIRM] = d[11];
    Py_XSETREF(S.cell_type, (PyTypeObject *)Py_NewRef(cell_type));
    Py_XSETREF(S.row_type, (PyTypeObject *)Py_NewRef(row_type));
    Py_XSETREF(S.token_type, (PyTypeObject *)Py_NewRef(token_type));
    Py_XSETREF(S.read_type, (PyTypeObject *)Py_NewRef(read_type));
    Py_XSETREF(S.classify, Py_NewRef(classify));
    Py_XSETREF(S.rest_of_label, Py_NewRef(rest_of_label));
    Py_XSETREF(S.join_labels, Py_NewRef(join_labels));
    Py_XSETREF(S.continues, Py_NewRef(continues));
    Py_XSETREF(S.add_label, Py_NewRef(add_label));
    Py_XSETREF(S.number, Py_NewRef(number));
    Py_XSETREF(S.gap, Py_NewRef(gap));
    Py_XSETREF(S.brk, Py_NewRef(brk));
    Py_XSETREF(S.covered, Py_NewRef(covered));
    Py_XSETREF(S.header, Py_NewRef(header));
    Py_XSETREF(S.label, Py_NewRef(label));
    Py_XSETREF(S.blank, Py_NewRef(blank));
    Py_XSETREF(S.run, Py_NewRef(run));
    if (S.grid_name == NULL && (S.grid_name = PyUnicode_InternFromString("grid")) == NULL) {
        return NULL;
    }
    if (S.columns_name == NULL && (S.columns_name = PyUnicode_InternFromString("columns")) == NULL) {
        return NULL;
    }
    if (S.one == NULL && (S.one = PyLong_FromLong(1)) == NULL) {
        return NULL;
    }
    S.ready = 1;
    Py_RETURN_NONE;
}

/* A slot of ``obj`` read as a bool (borrowed value's truth). */
static int
truth(PyObject *obj, Py_ssize_t offset, const char *name)
{
    PyObject *value = gk_get(obj, offset, name);
    return value == NULL ? -1 : PyObject_IsTrue(value);
}

/* Token(kind, reading, cell, loose), appended to ``current.values``. */
static int
add_token(PyObject *current, PyObject *kind, PyObject *reading, PyObject *cell, int loose)
{
    PyObject *values = gk_get(current, S.read[READ_VALUES], "values");
    if (values == NULL) {
        return -1;
    }
    if (!PyList_Check(values)) {
        PyErr_SetString(PyExc_TypeError, "RowRead.values must be a list");
        return -1;
    }
    PyObject *token = S.token_type->tp_alloc(S.token_type, 0);
    if (token == NULL) {
        return -1;
    }
    GK_SLOT(token, S.token_kind) = Py_NewRef(kind);
    GK_SLOT(token, S.token_reading) = Py_NewRef(reading);
    GK_SLOT(token, S.token_cell) = Py_NewRef(cell);
    GK_SLOT(token, S.token_loose) = Py_NewRef(loose ? Py_True : Py_False);
    int rc = PyList_Append(values, token);
    Py_DECREF(token);
    return rc;
}

/* ``row.<counter> += 1``. */
static int
increment(PyObject *row, Py_ssize_t offset, const char *name)
{
    PyObject *value = gk_get(row, offset, name);
    if (value == NULL) {
        return -1;
    }
    PyObject *more = PyNumber_Add(value, S.one);
    if (more == NULL) {
        return -1;
    }
    gk_set(row, offset, more);
    return 0;
}

/* RowRead(index, raw, grid=raw.structured), appended to ``out``; a new reference. */
static PyObject *
new_read(PyObject *out, Py_ssize_t index, PyObject *raw)
{
    PyObject *structured = gk_get(raw, S.row[RAWROW_STRUCTURED], "structured");
    if (structured == NULL) {
        return NULL;
    }
    PyObject *number = PyLong_FromSsize_t(index);
    if (number == NULL) {
        return NULL;
    }
    PyObject *args[3] = {number, raw, structured};
    PyObject *names = PyTuple_Pack(1, S.grid_name);
    if (names == NULL) {
        Py_DECREF(number);
        return NULL;
    }
    PyObject *read = PyObject_Vectorcall((PyObject *)S.read_type, args, 2, names);
    Py_DECREF(names);
    Py_DECREF(number);
    if (read == NULL) {
        return NULL;
    }
    if (PyList_Append(out, read) < 0) {
        Py_DECREF(read);
        return NULL;
    }
    return read;
}

static int
call_bool(PyObject *result)
{
    if (result == NULL) {
        return -1;
    }
    int truth_value = PyObject_IsTrue(result);
    Py_DECREF(result);
    return truth_value;
}

static PyObject *
read_rows(PyObject *self, PyObject *args)
{
    PyObject *spec, *rows, *classes;
    Py_ssize_t start, end, usual_gap;
    if (!PyArg_ParseTuple(args, "OO!nnnO!", &spec, &PyList_Type, &rows, &start, &end, &usual_gap, &PyDict_Type,
                          &classes)) {
        return NULL;
    }
    if (!S.ready) {
        PyErr_SetString(PyExc_RuntimeError, "parse/_segment.c: configure() was not called");
        return NULL;
    }
    if (start < 0 || end > PyList_GET_SIZE(rows) || start > end) {
        PyErr_SetString(PyExc_IndexError, "read_rows: region out of the rows");
        return NULL;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    PyObject *current = NULL, *previous = NULL, *closed = NULL; /* new references or NULL */
    for (Py_ssize_t index = start; index < end; index++) {
        PyObject *raw = PyList_GET_ITEM(rows, index);
        if (!Py_IS_TYPE(raw, S.row_type)) {
            PyErr_SetString(PyExc_TypeError, "read_rows: rows must be RawRow");
            goto error;
        }
        Py_INCREF(raw);
        PyObject *cells = gk_get(raw, S.row[RAWROW_CELLS], "cells");
        if (cells == NULL) {
            goto error_raw;
        }
        if (!PyList_Check(cells)) {
            PyErr_SetString(PyExc_TypeError, "RawRow.cells must be a list");
            goto error_raw;
        }
        Py_ssize_t ncells = PyList_GET_SIZE(cells);
        int pipe_open = truth(raw, S.row[RAWROW_PIPE_OPEN], "pipe_open");
        if (pipe_open < 0) {
            goto error_raw;
        }
        int loose = 0;
        if (pipe_open) {
            int pipe_close = truth(raw, S.row[RAWROW_PIPE_CLOSE], "pipe_close");
            int structured = pipe_close > 0 ? truth(raw, S.row[RAWROW_STRUCTURED], "structured") : pipe_close;
            if (structured < 0) {
                goto error_raw;
            }
            loose = structured;
            for (Py_ssize_t k = 0; loose && k < ncells; k++) {
                PyObject *cell = PyList_GET_ITEM(cells, k);
                PyObject *text = Py_IS_TYPE(cell, S.cell_type) ? gk_get(cell, S.cell[RAWCELL_TEXT], "text") : NULL;
                if (text == NULL || !PyUnicode_Check(text)) {
                    if (!PyErr_Occurred()) {
                        PyErr_SetString(PyExc_TypeError, "RawRow.cells must hold RawCell of str");
                    }
                    goto error_raw;
                }
                loose = !gk_has_text(text);
            }
        }
        if (current != NULL) {
            PyObject *gap = gk_get(raw, S.row[RAWROW_GAP], "gap");
            if (gap == NULL) {
                goto error_raw;
            }
            Py_ssize_t lines = PyLong_AsSsize_t(gap);
            if (lines == -1 && PyErr_Occurred()) {
                goto error_raw;
            }
            for (Py_ssize_t k = usual_gap; k < lines; k++) {
                if (add_token(current, S.gap, S.blank, Py_None, 0) < 0) {
                    goto error_raw;
                }
            }
            if (pipe_open && previous != NULL) {
                int previous_close = truth(previous, S.row[RAWROW_PIPE_CLOSE], "pipe_close");
                if (previous_close < 0 || (previous_close && add_token(current, S.brk, S.blank, Py_None, loose) < 0)) {
                    goto error_raw;
                }
            }
        }
        if (closed != NULL) {
            PyObject *closed_spec = gk_get(closed, S.read[READ_SPEC], "spec");
            if (closed_spec == NULL) {
                goto error_raw;
            }
            if (closed_spec == Py_None) {
                int rest = call_bool(PyObject_CallFunctionObjArgs(S.rest_of_label, closed, raw, NULL));
                if (rest < 0) {
                    goto error_raw;
                }
                if (rest) {
                    /* The label of a grid row wrapped onto the next line or page, its numbers already read. */
                    PyObject *done = PyObject_CallFunctionObjArgs(S.join_labels, spec, closed, raw, NULL);
                    if (done == NULL) {
                        goto error_raw;
                    }
                    Py_DECREF(done);
                    Py_XSETREF(previous, raw);
                    continue;
                }
            }
        }
        Py_CLEAR(closed);
        Py_XSETREF(previous, Py_NewRef(raw));
        Py_ssize_t contributed = 0;
        if (current != NULL && ncells) {
            PyObject *values = gk_get(current, S.read[READ_VALUES], "values");
            if (values == NULL) {
                goto error_raw;
            }
            int any = PyObject_IsTrue(values);
            if (any < 0) {
                goto error_raw;
            }
            if (any) {
                gk_set(current, S.read[READ_GRID], Py_NewRef(Py_False));
            }
        }
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(cells); k++) {
            PyObject *cell = PyList_GET_ITEM(cells, k);
            if (!Py_IS_TYPE(cell, S.cell_type)) {
                PyErr_SetString(PyExc_TypeError, "RawRow.cells must hold RawCell");
                goto error_raw;
            }
            Py_INCREF(cell);
            PyObject *kind, *reading, *found = NULL;
            int special;
            int covered = truth(cell, S.cell[RAWCELL_COVERED], "covered");
            if (covered < 0) {
                goto error_cell;
            }
            if (covered) {
                if (current != NULL && add_token(current, S.covered, S.blank, cell, 0) < 0) {
                    goto error_cell;
                }
                Py_DECREF(cell);
                continue;
            }
            int run = truth(cell, S.cell[RAWCELL_RUN], "run");
            if (run < 0) {
                goto error_cell;
            }
            if (run) {
                found = Py_NewRef(S.run);
            }
            else {
                PyObject *text = gk_get(cell, S.cell[RAWCELL_TEXT], "text");
                if (text == NULL) {
                    goto error_cell;
                }
                found = PyDict_GetItemWithError(classes, text);
                if (found != NULL) {
                    Py_INCREF(found);
                }
                else if (PyErr_Occurred()) {
                    goto error_cell;
                }
                else if ((found = PyObject_CallFunctionObjArgs(S.classify, spec, text, NULL)) == NULL) {
                    goto error_cell;
                }
            }
            if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 3) {
                Py_DECREF(found);
                PyErr_SetString(PyExc_TypeError, "a cell's class must be (kind, reading, special)");
                goto error_cell;
            }
            kind = PyTuple_GET_ITEM(found, 0);
            reading = PyTuple_GET_ITEM(found, 1);
            special = PyObject_IsTrue(PyTuple_GET_ITEM(found, 2));
            if (special < 0) {
                Py_DECREF(found);
                goto error_cell;
            }
            if (kind == S.header) {
                Py_CLEAR(current); /* a header row: no row goes on across it */
                Py_DECREF(found);
                Py_DECREF(cell);
                continue;
            }
            if (kind == S.label && !run) {
                int goes_on = 0;
                if (current != NULL) {
                    PyObject *numbers = gk_get(current, S.read[READ_NUMBERS], "numbers");
                    PyObject *labels = numbers ? gk_get(current, S.read[READ_LABELS], "labels") : NULL;
                    int has_numbers = labels ? PyObject_IsTrue(numbers) : -1;
                    int has_labels = has_numbers == 0 ? PyObject_IsTrue(labels) : 0;
                    if (has_numbers < 0 || has_labels < 0) {
                        Py_DECREF(found);
                        goto error_cell;
                    }
                    if (!has_numbers && has_labels) {
                        goes_on = call_bool(PyObject_CallFunctionObjArgs(S.continues, spec, current, cell, NULL));
                        if (goes_on < 0) {
                            Py_DECREF(found);
                            goto error_cell;
                        }
                    }
                }
                if (!goes_on) {
                    Py_XSETREF(current, new_read(out, index, raw));
                    if (current == NULL) {
                        Py_DECREF(found);
                        goto error_cell;
                    }
                }
                PyObject *done = PyObject_CallFunctionObjArgs(S.add_label, spec, current, cell, NULL);
                Py_DECREF(found);
                if (done == NULL) {
                    goto error_cell;
                }
                Py_DECREF(done);
                Py_DECREF(cell);
                continue;
            }
            int is_number = kind == S.number;
            if (!is_number && !run) {
                is_number = PyObject_RichCompareBool(kind, S.number, Py_EQ);
                if (is_number < 0) {
                    Py_DECREF(found);
                    goto error_cell;
                }
            }
            if (current == NULL) {
                if (!is_number) {
                    Py_DECREF(found);
                    Py_DECREF(cell);
                    continue;
                }
                if ((current = new_read(out, index, raw)) == NULL) {
                    Py_DECREF(found);
                    goto error_cell;
                }
            }
            int rc = add_token(current, kind, reading, cell, loose);
            Py_DECREF(found);
            if (rc < 0 || increment(current, S.read[READ_FIRM], "firm") < 0) {
                goto error_cell;
            }
            if (is_number) {
                if (increment(current, S.read[READ_NUMBERS], "numbers") < 0) {
                    goto error_cell;
                }
                if (special) {
                    gk_set(current, S.read[READ_SPECIAL], Py_NewRef(Py_True));
                }
            }
            contributed++;
            Py_DECREF(cell);
            continue;
        error_cell:
            Py_DECREF(cell);
            goto error_raw;
        }
        Py_DECREF(raw);
        if (current != NULL) {
            PyObject *row_spec = gk_get(current, S.read[READ_SPEC], "spec");
            if (row_spec == NULL) {
                goto error;
            }
            int full;
            if (row_spec != Py_None) {
                PyObject *columns = PyObject_GetAttr(row_spec, S.columns_name);
                Py_ssize_t width = columns ? PyObject_Size(columns) : -1;
                Py_XDECREF(columns);
                PyObject *firm = width >= 0 ? gk_get(current, S.read[READ_FIRM], "firm") : NULL;
                Py_ssize_t count = firm ? PyLong_AsSsize_t(firm) : -1;
                if (count == -1 && PyErr_Occurred()) {
                    goto error;
                }
                full = count >= width;
            }
            else {
                full = contributed > 1;
            }
            if (full) {
                /* Full, or a line of numbers under no row the schema knows: what follows is another row. */
                Py_XSETREF(closed, current);
                current = NULL;
            }
        }
        continue;
    error_raw:
        Py_DECREF(raw);
        goto error;
    }
    if (end == PyList_GET_SIZE(rows) && PyList_GET_SIZE(out)) {
        gk_set(PyList_GET_ITEM(out, PyList_GET_SIZE(out) - 1), S.read[READ_CUT], Py_NewRef(Py_True));
    }
    Py_XDECREF(current);
    Py_XDECREF(previous);
    Py_XDECREF(closed);
    return out;
error:
    Py_XDECREF(current);
    Py_XDECREF(previous);
    Py_XDECREF(closed);
    Py_DECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS,
     "configure(RawCell, RawRow, Token, RowRead, _classify, _rest_of_label, _join_labels, _continues, "
     "_add_label, NUMBER, GAP, BREAK, COVERED, HEADER, LABEL, blank reading, _RUN)"},
    {"read_rows", read_rows, METH_VARARGS,
     "read_rows(spec, rows, start, end, usual_gap, classes): segment._read_rows, compiled."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_segment", "read_rows's token loop, compiled (see parse/segment.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__segment(void)
{
    return PyModule_Create(&module);
}
