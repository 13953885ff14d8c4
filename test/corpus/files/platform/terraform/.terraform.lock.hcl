# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.31.0"
  constraints = "~> 5.0"
  hashes = [
    "h1:EHuMaca50PwMBvK5WPLtUco6RyVBbZv/oMS2kGzgX1k=",
    "zh:dd96f8fff5438a058801dd20eb3bf76a52a7166e9a636ec5614eaffdfa6ee07a",
    "zh:f816a0d90db01b6b61cb0677c4e8fee9452f0791abeb529625f88d5ce45cc6d4",
    "zh:2be54105f5469c415e994234fbdaf4b3f507a28085b23ee407030c90c56ec97c",
  ]
}

provider "registry.terraform.io/hashicorp/random" {
  version = "3.6.0"
  hashes = [
    "h1:PUjdeTFUDrUFiQx+balgz97c9QdYThHfRAoLyyY0c2Y=",
    "zh:35894fe8fbe1ab7862e28da2e6cd1243d143664b066599a91e8365973c60c582",
    "zh:052868363b816f3577882de67be7b80dc796afb375472df5c28ac46d4081126b",
  ]
}

provider "registry.terraform.io/hashicorp/tls" {
  version = "4.0.5"
  hashes = [
    "h1:3B0W7WmE7pauxcRkoBqX53m3p5vWwlQeYQ021BZV7k8=",
    "zh:ee2f9cdbdea6f71ef07091731d0f7f7f6e5193ade3df16ef90ebfd373880df27",
  ]
}
