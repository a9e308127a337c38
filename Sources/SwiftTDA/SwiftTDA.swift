// One import for users: `import SwiftTDA` brings every module of the library.
@_exported import PointClouds
@_exported import Complexes
@_exported import Persistence
@_exported import Vectorization
@_exported import Plotting
@_exported import LinearAlgebra
@_exported import Autodiff
@_exported import SphericalHarmonics
@_exported import LieGroups
@_exported import SpectralBases
@_exported import Multipersistence
