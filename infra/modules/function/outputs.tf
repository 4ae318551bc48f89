output "name" {
  description = "Function name (also the Cloud Run service name)."
  value       = google_cloudfunctions2_function.this.name
}

output "id" {
  description = "Function resource id."
  value       = google_cloudfunctions2_function.this.id
}

output "url" {
  description = "Function URL (https://<region>-<project>.cloudfunctions.net/<name>); Scheduler targets it and uses it as the OIDC audience."
  value       = google_cloudfunctions2_function.this.url
}

output "uri" {
  description = "Cloud Run URL of the underlying service (https://<name>-<hash>.<region>.run.app)."
  value       = google_cloudfunctions2_function.this.service_config[0].uri
}

output "service_account_email" {
  description = "Runtime service account of the function."
  value       = var.service_account_email
}
