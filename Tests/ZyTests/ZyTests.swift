import Testing
@testable import Zy
