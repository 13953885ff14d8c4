import Foundation

enum Secrets {
    static let revenueCatKey = "sk_ZKsybwWesH1xDG5zSIRKvzDJY3pbsKiS"
    static let segmentWriteKey = "WzR9bv5nSuD0LklQMqYD0i2n2Rt34ZxD"
    static let appGroup = "group.com.acme.app"
    static let keychainToken = KeychainWrapper.standard.string(forKey: "auth_token")
}
