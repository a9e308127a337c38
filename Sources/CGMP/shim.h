// GMP for SwiftTDA's exact predicates and squared radii. Only
// Sources/Complexes/ExactInteger.swift calls into it.
#include <gmp.h>
