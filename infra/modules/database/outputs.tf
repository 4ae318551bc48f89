output "instance_name" {
  description = "Cloud SQL instance name."
  value       = google_sql_database_instance.this.name
}

output "connection_name" {
  description = "Instance connection name (project:region:instance) for the Cloud SQL Auth Proxy."
  value       = google_sql_database_instance.this.connection_name
}

output "private_ip_address" {
  description = "Private IP of the instance, or null without a private network."
  value       = local.private_ip ? google_sql_database_instance.this.private_ip_address : null
}

output "public_ip_address" {
  description = "Public IP of the instance, or null with a private network."
  value       = local.private_ip ? null : google_sql_database_instance.this.public_ip_address
}

output "database_name" {
  description = "Application database name."
  value       = google_sql_database.rxbridge.name
}

output "database_url_secret_id" {
  description = "Secret id of DATABASE_URL (value added outside Terraform)."
  value       = google_secret_manager_secret.database_url.secret_id
}
