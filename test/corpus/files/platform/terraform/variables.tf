variable "db_password" {
  type      = string
  sensitive = true
  default   = ""
}

variable "datadog_api_key" {
  type    = string
  default = "b372ccfda9296417b0bb64ca04c70914"
}

variable "datadog_app_key" {
  type      = string
  sensitive = true
}

variable "azure_client_secret" {
  type        = string
  sensitive   = true
  description = "Client secret of the terraform service principal (set TF_VAR_azure_client_secret)"
}
