import Foundation

/// A plain-text table with left-aligned, space-padded columns.
struct Table {
    var header: [String]
    var rows: [[String]] = []

    init(header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        let lines = all.map { row in
            row.enumerated().map { column, cell in
                column < widths.count - 1
                    ? cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
                    : cell
            }.joined()
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))
        return ([lines[0], rule] + lines.dropFirst()).joined(separator: "\n")
    }
}
