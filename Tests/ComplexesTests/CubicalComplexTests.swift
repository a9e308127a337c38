import XCTest
import Complexes
import Persistence
import PointClouds

final class CubicalComplexTests: XCTestCase {
    func testRingImageHasOneH1Bar() throws {
        let image = try CubicalComplex(rows: [[0, 0, 0], [0, 5, 0], [0, 0, 0]])
        let barcode = try image.filteredComplex().barcode()
        XCTAssertEqual(barcode[0], [Bar(birth: 0, death: .infinity)])
        XCTAssertEqual(barcode[1], [Bar(birth: 0, death: 5)])
    }

    func testBarcodesEqualGUDHIOnRandomImages() throws {
        for c in try referenceCases("cubical") {
            let shape = (c["shape"] as? [NSNumber])?.map(\.intValue) ?? []
            let values = reals(c["values"])
            let variant: CubicalComplex.Variant = (c["variant"] as? String) == "vertices" ? .vertices : .topDimensionalCells
            let complex = try CubicalComplex(shape: shape, values: values, variant: variant)
            let barcode = try complex.filteredComplex().barcode(maxDimension: shape.count - 1)
            assertSameBars(barcode, referenceBars(c), c["name"] as? String ?? "?")
        }
    }

    func testBadImagesGiveTypedErrors() {
        XCTAssertThrowsError(try CubicalComplex(rows: [[1, 2], [3]])) {
            XCTAssertEqual($0 as? ComplexError, .raggedImage(row: 2, found: 1, expected: 2))
        }
        XCTAssertThrowsError(try CubicalComplex(rows: [])) { XCTAssertEqual($0 as? ComplexError, .emptyImage) }
        XCTAssertThrowsError(try CubicalComplex(csv: "")) { XCTAssertEqual($0 as? ComplexError, .emptyImage) }
        XCTAssertThrowsError(try CubicalComplex(csv: "1,2\n3\n")) {
            XCTAssertEqual($0 as? PointCloudError, .raggedRow(line: 2, found: 1, expected: 2))
        }
        XCTAssertThrowsError(try CubicalComplex(shape: [2, 2], values: [1, 2, 3]))
        XCTAssertThrowsError(try CubicalComplex(shape: [1, 2], values: [1, .nan]))
    }

    func testNPYImageReadsInCOrder() throws {
        let npy = NPYArray(shape: [2, 3], values: [0, 1, 2, 3, 4, 5])
        let a = try CubicalComplex(npy: try NPYArray(bytes: npy.encoded()))
        XCTAssertEqual(a, try CubicalComplex(rows: [[0, 1, 2], [3, 4, 5]]))
    }
}
