package com.acme.app

object Analytics {
    const val MIXPANEL_SECRET = "bc9b096d43de9cf3a4a5e6903aedb93d"
    const val MIXPANEL_PROJECT_TOKEN = "9e87272c6f09d8aeeba65de60abad132"
    val password: String get() = BuildConfig.ANALYTICS_PASSWORD
}
