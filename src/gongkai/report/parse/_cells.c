/* The loop of parse/cells.py's ``set_numbers`` in C: a row read whole, its number tokens made
 * into Cells without Python code per cell.
 *
 * Why: after the two loops of _text.c and _segment.c it was the largest single cost of a text
 * report (most cells of a report are made here). A token that is not a plain number (a blank, a
 * placeholder, "无", one with no source cell) goes to the same ``set_cell`` the reference calls
 * (``cells._set_numbers``). tests/test_compiled_parity.py checks the whole parse is the same.
 */
#include "../_slots.h"

typedef struct {
    PyTypeObject *cell_type, *token_type, *raw_type, *reading_type;
    Py_ssize_t cell_value, cell_raw, cell_where, cell_inferred;
    Py_ssize_t token_reading, token_cell;
    Py_ssize_t raw_text, raw_where;
    Py_ssize_t reading_kind, reading_values;
    PyObject *set_cell; /* set_cell(result, spec_row, column, token, inferred) */
    PyObject *number;   /* the reading kind "number" */
    int ready;
} State;

static State S;

static PyObject *
configure(PyObject *self, PyObject *args)
{
    PyObject *cell_type, *token_type, *raw_type, *reading_type, *set_cell, *number;
    if (!PyArg_ParseTuple(args, "O!O!O!O!OU", &PyType_Type, &cell_type, &PyType_Type, &token_type, &PyType_Type,
                          &raw_type, &PyType_Type, &reading_type, &set_cell, &number)) {
        return NULL;
    }
    static const char *const cell_fields[] = {"value", "raw", "where", "inferred"};
    static const char *const token_fields[] = {"kind", "reading", "cell", "loose"};
    static const char *const raw_fields[] = {"text", "where", "covered", "run"};
    static const char *const reading_fields[] = {"kind", "values", "unit"};
    Py_ssize_t c[4], t[4], r[4], d[3];
    if (gk_check_fields((PyTypeObject *)cell_type, cell_fields, 4, c) < 0
        || gk_check_fields((PyTypeObject *)token_type, token_fields, 4, t) < 0
        || gk_check_fields((PyTypeObject *)raw_type, raw_fields, 4, r) < 0
        || gk_check_fields((PyTypeObject *)reading_type, reading_fields, 3, d) < 0) {
        return NULL;
    }
    S.cell_value = c[0];
    S.cell_raw = c[1];
    S.cell_where = c[2];
    S.cell_inferred = c[3];
    S.token_reading = t[1];
    S.token_cell = t[2];
    S.raw_text = r[0];
    S.raw_where = r[1];
    S.reading_kind = d[0];
    S.reading_values = d[1];
    Py_XSETREF(S.cell_type, (PyTypeObject *)Py_NewRef(cell_type));
    Py_XSETREF(S.token_type, (PyTypeObject *)Py_NewRef(token_type));
    Py_XSETREF(S.raw_type, (PyTypeObject *)Py_NewRef(raw_type));
    Py_XSETREF(S.reading_type, (PyTypeObject *)Py_NewRef(reading_type));
    Py_XSETREF(S.set_cell, Py_NewRef(set_cell));
    Py_XSETREF(S.number, Py_NewRef(number));
    S.ready = 1;
    Py_RETURN_NONE;
}

/* The new Cell of a plain number token, 0 when the token is not one, -1 on error. */
static int
plain_cell(PyObject *token, int inferred, PyObject **out)
{
    *out = NULL;
    if (!Py_IS_TYPE(token, S.token_type)) {
        return 0;
    }
    PyObject *reading = gk_get(token, S.token_reading, "reading");
    PyObject *source = reading ? gk_get(token, S.token_cell, "cell") : NULL;
    if (source == NULL) {
        return -1;
    }
    if (source == Py_None || !Py_IS_TYPE(reading, S.reading_type) || !Py_IS_TYPE(source, S.raw_type)) {
        return 0;
    }
    PyObject *kind = gk_get(reading, S.reading_kind, "kind");
    if (kind == NULL) {
        return -1;
    }
    int is_number = kind == S.number ? 1 : PyObject_RichCompareBool(kind, S.number, Py_EQ);
    if (is_number <= 0) {
        return is_number;
    }
    PyObject *values = gk_get(reading, S.reading_values, "values");
    PyObject *text = values ? gk_get(source, S.raw_text, "text") : NULL;
    PyObject *where = text ? gk_get(source, S.raw_where, "where") : NULL;
    if (where == NULL) {
        return -1;
    }
    PyObject *value = PySequence_GetItem(values, 0); /* reading.values[0] */
    if (value == NULL) {
        return -1;
    }
    int has_text = PyObject_IsTrue(text); /* source.text or None */
    if (has_text < 0) {
        Py_DECREF(value);
        return -1;
    }
    PyObject *cell = S.cell_type->tp_alloc(S.cell_type, 0);
    if (cell == NULL) {
        Py_DECREF(value);
        return -1;
    }
    GK_SLOT(cell, S.cell_value) = value;
    GK_SLOT(cell, S.cell_raw) = Py_NewRef(has_text ? text : Py_None);
    GK_SLOT(cell, S.cell_where) = Py_NewRef(where);
    GK_SLOT(cell, S.cell_inferred) = Py_NewRef(inferred ? Py_True : Py_False);
    *out = cell;
    return 1;
}

static PyObject *
fill(PyObject *self, PyObject *args)
{
    PyObject *cells, *keys, *columns, *tokens, *inferred_obj, *result, *spec_row;
    if (!PyArg_ParseTuple(args, "O!O!OO!OOO", &PyDict_Type, &cells, &PyTuple_Type, &keys, &columns, &PyList_Type,
                          &tokens, &inferred_obj, &result, &spec_row)) {
        return NULL;
    }
    if (!S.ready) {
        PyErr_SetString(PyExc_RuntimeError, "parse/_cells.c: configure() was not called");
        return NULL;
    }
    int inferred = PyObject_IsTrue(inferred_obj);
    if (inferred < 0) {
        return NULL;
    }
    PyObject *fast = PySequence_Fast(columns, "columns must be a sequence");
    if (fast == NULL) {
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(keys);
    if (PySequence_Fast_GET_SIZE(fast) != n || PyList_GET_SIZE(tokens) != n) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "set_numbers: keys, columns and tokens differ in length");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n && i < PyList_GET_SIZE(tokens); i++) {
        PyObject *token = PyList_GET_ITEM(tokens, i);
        PyObject *cell;
        Py_INCREF(token);
        int plain = plain_cell(token, inferred, &cell);
        int rc;
        if (plain > 0) {
            rc = PyDict_SetItem(cells, PyTuple_GET_ITEM(keys, i), cell);
            Py_DECREF(cell);
        }
        else if (plain == 0) {
            PyObject *done = PyObject_CallFunctionObjArgs(S.set_cell, result, spec_row,
                                                          PySequence_Fast_GET_ITEM(fast, i), token,
                                                          inferred ? Py_True : Py_False, NULL);
            rc = done == NULL ? -1 : 0;
            Py_XDECREF(done);
        }
        else {
            rc = -1;
        }
        Py_DECREF(token);
        if (rc < 0) {
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS, "configure(Cell, Token, RawCell, Reading, set_cell, 'number')"},
    {"fill", fill, METH_VARARGS,
     "fill(cells, keys, columns, tokens, inferred, result, spec_row): cells._set_numbers's loop, compiled."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_cells", "set_numbers's loop, compiled (see parse/cells.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__cells(void)
{
    return PyModule_Create(&module);
}
