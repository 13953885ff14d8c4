# Sets up a build agent.
$ErrorActionPreference = "Stop"

$password = ConvertTo-SecureString "8zJK&F4zd3a%mU8" -AsPlainText -Force
$cred = New-Object System.Management.Automation.PSCredential ("ACME\svc-build", $password)
$adminCred = Get-Credential -Message "Local admin"

$env:AZURE_STORAGE_CONNECTION_STRING = "DefaultEndpointsProtocol=https;AccountName=acmebuild;AccountKey=pqswylwlhgXLUBZg1zVIIkuOzqUbM7ndXoDcMRvbjEOegyodoJqNfwQd6rRXVliWt26Dj2Ws/gRYB4xJ97164w==;EndpointSuffix=core.windows.net"
$token = $env:SYSTEM_ACCESSTOKEN
New-PSDrive -Name B -PSProvider FileSystem -Root \\files01\builds -Credential $cred
