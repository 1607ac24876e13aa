/* narrative.py's ``signature`` in C: the MinHash of a cleaned narrative's character 5-grams.
 *
 * Why: the numpy reference (``narrative._signature_numpy``) makes a (permutations x grams) array
 * for every report, a quarter of a megabyte for an ordinary narrative, and eight passes over the
 * grams' hashes before it; it was the largest single cost of a text report's corpus rows. Here each
 * gram is hashed once and its permuted values go straight into the running minimum, which stays in
 * registers. The arithmetic is the reference's, uint32 wrapping modulo 2^32: the 5-gram hash (code
 * points weighted by the constants ``narrative._WEIGHTS``), MurmurHash3's 32-bit finalizer, then
 * ``a * h + b`` per permutation. tests/test_corpus_minhash_compiled.py checks the two agree.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define SHINGLE 5
#define MAX_PERM 256

static uint32_t WEIGHTS[SHINGLE];
static uint32_t A[MAX_PERM], B[MAX_PERM];
static Py_ssize_t NPERM = 0;

static PyObject *
configure(PyObject *self, PyObject *args)
{
    Py_buffer weights, a, b;
    if (!PyArg_ParseTuple(args, "y*y*y*", &weights, &a, &b)) {
        return NULL;
    }
    int ok = weights.len == (Py_ssize_t)sizeof(WEIGHTS) && a.len == b.len && a.len % 4 == 0
             && a.len > 0 && a.len / 4 <= MAX_PERM;
    if (ok) {
        memcpy(WEIGHTS, weights.buf, sizeof(WEIGHTS));
        memcpy(A, a.buf, a.len);
        memcpy(B, b.buf, b.len);
        NPERM = a.len / 4;
    }
    PyBuffer_Release(&weights);
    PyBuffer_Release(&a);
    PyBuffer_Release(&b);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "configure: 5 uint32 weights and two equal arrays of uint32 permutations");
        return NULL;
    }
    Py_RETURN_NONE;
}

static inline uint32_t
fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    return h ^ (h >> 16);
}

/* The minimum over the grams of ``a * h + b``, per permutation: the permutations are the inner
 * loop, over arrays the compiler vectorises. x86-64's baseline (SSE2) has no 32-bit vector multiply,
 * so the loop is also built for AVX2 and AVX-512 and the machine's best is chosen when the module
 * loads (GCC's function multiversioning); the values are the same on each. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("avx512f", "avx2", "default"), optimize("tree-vectorize")))
#endif
static void
minimum(const uint32_t *hashes, Py_ssize_t count, uint32_t *out)
{
    Py_ssize_t n = NPERM;
    for (Py_ssize_t p = 0; p < n; p++) {
        out[p] = UINT32_MAX;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        uint32_t h = hashes[i];
        for (Py_ssize_t p = 0; p < n; p++) {
            uint32_t v = A[p] * h + B[p];
            out[p] = v < out[p] ? v : out[p];
        }
    }
}

static PyObject *
signature(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "signature: a str");
        return NULL;
    }
    if (NPERM == 0) {
        PyErr_SetString(PyExc_RuntimeError, "signature: configure() first");
        return NULL;
    }
    Py_ssize_t length = PyUnicode_GET_LENGTH(arg);
    Py_ssize_t count = length - SHINGLE + 1;
    if (count <= 0) {
        PyErr_SetString(PyExc_ValueError, "signature: fewer characters than a 5-gram");
        return NULL;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    uint32_t *hashes = PyMem_Malloc(count * sizeof(uint32_t));
    if (hashes == NULL) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        uint32_t h = 0;
        for (int k = 0; k < SHINGLE; k++) {
            h += (uint32_t)PyUnicode_READ(kind, data, i + k) * WEIGHTS[k];
        }
        hashes[i] = fmix32(h);
    }
    uint32_t out[MAX_PERM];
    minimum(hashes, count, out);
    PyMem_Free(hashes);
    /* The stored form is the values as little-endian uint32 bytes (numpy's ``tobytes`` on x86 and
     * ARM alike); written byte by byte so that a big-endian machine stores the same bytes. */
    PyObject *result = PyBytes_FromStringAndSize(NULL, NPERM * 4);
    if (result == NULL) {
        return NULL;
    }
    unsigned char *bytes = (unsigned char *)PyBytes_AS_STRING(result);
    for (Py_ssize_t p = 0; p < NPERM; p++) {
        bytes[4 * p] = out[p] & 0xFF;
        bytes[4 * p + 1] = (out[p] >> 8) & 0xFF;
        bytes[4 * p + 2] = (out[p] >> 16) & 0xFF;
        bytes[4 * p + 3] = out[p] >> 24;
    }
    return result;
}

static PyMethodDef METHODS[] = {
    {"configure", configure, METH_VARARGS, "configure(weights, a, b): the 5-gram weights and the permutations, uint32 in native byte order"},
    {"signature", signature, METH_O, "signature(cleaned): the MinHash values as uint32 bytes"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef MODULE = {PyModuleDef_HEAD_INIT, "_minhash", NULL, -1, METHODS};

PyMODINIT_FUNC
PyInit__minhash(void)
{
    return PyModule_Create(&MODULE);
}
