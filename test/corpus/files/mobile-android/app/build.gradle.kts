plugins {
    id("com.android.application")
    kotlin("android")
}

android {
    namespace = "com.acme.app"
    compileSdk = 34
    defaultConfig {
        applicationId = "com.acme.app"
        minSdk = 26
        buildConfigField("String", "MAPS_KEY", "\"AIzazVSe1Fh54ePlZ_mFC9q-P_VGcL7lKhRN4gN\"")
        buildConfigField("String", "API_TOKEN", "\"ug1bAAifzwWi6Lu6oh3WI8L4iBIZidn2Nmzj\"")
        buildConfigField("String", "SENTRY_DSN", "\"${project.findProperty("sentryDsn") ?: ""}\"")
    }
    signingConfigs {
        create("release") {
            storeFile = file("release.jks")
            storePassword = "DZ7u#RiGbJG@wlP"
            keyAlias = "acme"
            keyPassword = System.getenv("RELEASE_KEY_PASSWORD")
        }
    }
}
