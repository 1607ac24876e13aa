/* Slotted dataclasses seen from C: the compiled loops (read/_text.c, parse/_segment.c) make and
 * read RawCell, RawRow, Token and RowRead objects by their slots, as the generated __init__ and
 * the member descriptors do, without running Python code per object.
 *
 * Safe only for a class whose fields are exactly the ones the C code expects, each a writable
 * object slot, with no __post_init__: ``gk_check_fields`` and ``gk_offset`` refuse any other, at
 * import, so that a field added in Python cannot be left unset here.
 */
#ifndef GONGKAI_SLOTS_H
#define GONGKAI_SLOTS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#define GK_SLOT(obj, off) (*(PyObject **)((char *)(obj) + (off)))

static inline int
gk_offset(PyTypeObject *type, const char *name, Py_ssize_t *out)
{
    PyObject *descr = PyDict_GetItemString(type->tp_dict, name); /* borrowed */
    if (descr == NULL || Py_TYPE(descr) != &PyMemberDescr_Type) {
        PyErr_Format(PyExc_ImportError, "%s.%s is not a slot", type->tp_name, name);
        return -1;
    }
    PyMemberDef *def = ((PyMemberDescrObject *)descr)->d_member;
    if (def->type != T_OBJECT_EX || (def->flags & READONLY)) {
        PyErr_Format(PyExc_ImportError, "%s.%s is not a writable object slot", type->tp_name, name);
        return -1;
    }
    *out = def->offset;
    return 0;
}

/* The dataclass's fields must be exactly ``names``, in order, and nothing may run after __init__;
 * then each name's slot offset goes to ``offsets``. */
static inline int
gk_check_fields(PyTypeObject *type, const char *const *names, Py_ssize_t count, Py_ssize_t *offsets)
{
    PyObject *fields = PyObject_GetAttrString((PyObject *)type, "__dataclass_fields__");
    if (fields == NULL) {
        return -1;
    }
    int ok = PyDict_Check(fields) && PyDict_GET_SIZE(fields) == count && type->tp_alloc != NULL;
    Py_ssize_t pos = 0, i = 0;
    PyObject *key, *value;
    while (ok && PyDict_Next(fields, &pos, &key, &value)) {
        ok = PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, names[i++]) == 0;
    }
    Py_DECREF(fields);
    if (ok && PyObject_HasAttrString((PyObject *)type, "__post_init__")) {
        ok = 0;
    }
    if (!ok) {
        PyErr_Format(PyExc_ImportError, "%s's fields changed: update the compiled loops", type->tp_name);
        return -1;
    }
    for (i = 0; i < count; i++) {
        if (gk_offset(type, names[i], &offsets[i]) < 0) {
            return -1;
        }
    }
    return 0;
}

/* A slot's value (borrowed), or NULL with AttributeError when it was never set. */
static inline PyObject *
gk_get(PyObject *obj, Py_ssize_t offset, const char *name)
{
    PyObject *value = GK_SLOT(obj, offset);
    if (value == NULL) {
        PyErr_Format(PyExc_AttributeError, "%s has no %s", Py_TYPE(obj)->tp_name, name);
    }
    return value;
}

/* Replace a slot's value (steals ``value``). */
static inline void
gk_set(PyObject *obj, Py_ssize_t offset, PyObject *value)
{
    PyObject *old = GK_SLOT(obj, offset);
    GK_SLOT(obj, offset) = value;
    Py_XDECREF(old);
}

/* ``str.strip()`` of ``s[start:end]`` (its whitespace: Py_UNICODE_ISSPACE). */
static inline PyObject *
gk_stripped(PyObject *s, Py_ssize_t start, Py_ssize_t end)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    while (start < end && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, start))) {
        start++;
    }
    while (end > start && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1))) {
        end--;
    }
    return PyUnicode_Substring(s, start, end);
}

/* ``bool(s.strip())`` for a str. */
static inline int
gk_has_text(PyObject *s)
{
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t length = PyUnicode_GET_LENGTH(s);
    for (Py_ssize_t i = 0; i < length; i++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            return 1;
        }
    }
    return 0;
}

#endif
