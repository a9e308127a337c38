// OpenBLAS's CBLAS interface for SwiftTDA's LinearAlgebra module. Only
// Sources/LinearAlgebra/BLASScalar.swift calls into it.
#include <cblas.h>
