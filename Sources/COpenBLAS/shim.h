// OpenBLAS's CBLAS interface for SwiftTDA's LinearAlgebra module: the
// declarations only. The library is loaded on first use (dlopen), so that
// programs which never multiply matrices (tda barcode) neither map it nor
// start its threads. Only Sources/LinearAlgebra/BLASScalar.swift uses it.
#include <cblas.h>
