output "function_urls" {
  description = "URL of each function; callers with Google identities mint ID tokens with this exact URL as the audience."
  value       = { for name, f in module.function : name => f.url }
}

output "function_run_urls" {
  description = "Cloud Run URL of each function's underlying service (same function, alternative host)."
  value       = { for name, f in module.function : name => f.uri }
}

output "drx_webhook_url" {
  description = "URL to register with DRX as the webhook target (public; checked by the per-pharmacy header secret)."
  value       = module.function["drx-webhook"].url
}

output "drchrono_webhook_url" {
  description = "Callback URL to set on the DrChrono API application's webhook (public; checked by X-drchrono-signature)."
  value       = module.function["drchrono-webhook"].url
}

output "deepcura_webhook_url" {
  description = "Gridhook URL to give Deep Cura (public; checked by the x-deepcura-secret header)."
  value       = module.function["deepcura-webhook"].url
}

output "runtime_service_accounts" {
  description = "Runtime service account email of each function."
  value       = local.runtime_email
}

output "scheduler_service_account" {
  description = "Service account in Scheduler's OIDC tokens."
  value       = google_service_account.scheduler.email
}

output "database_connection_name" {
  description = "Cloud SQL connection name (project:region:instance), for the Auth Proxy and migrations."
  value       = module.database.connection_name
}

output "database_private_ip" {
  description = "Private IP of the database, or null when it has a public IP only."
  value       = module.database.private_ip_address
}

output "change_events" {
  description = "Pub/Sub names for change events."
  value = {
    topic             = module.events.topic_name
    subscription      = module.events.subscription_name
    dead_letter_topic = module.events.dead_letter_topic_name
    dead_letter_hold  = module.events.dead_letter_subscription_name
  }
}

output "secrets_to_populate" {
  description = "Secret containers Terraform created without a value. The operator (or POST /pharmacies for the per-pharmacy ones, POST /practices for drchrono-oauth-client) adds a version to each; see infra/README.md."
  value = concat(
    [
      google_secret_manager_secret.admin_token.secret_id,
      module.database.database_url_secret_id,
      google_secret_manager_secret.drchrono_oauth_client.secret_id,
      google_secret_manager_secret.drchrono_webhook_secret.secret_id,
      google_secret_manager_secret.deepcura_shared_secret.secret_id,
    ],
    flatten([
      for id, p in module.pharmacy : [p.drx_api_key_secret_id, p.drx_webhook_secret_id]
    ]),
  )
}

output "pharmacy_onboarding" {
  description = "What each declared pharmacy needs registered in the database (POST /pharmacies), with its schedules and secret ids."
  value = {
    for id, p in var.pharmacies : id => {
      name                  = p.name
      enabled               = p.enabled
      drx_base_url          = p.drx_base_url
      sync_interval_minutes = p.sync_interval_minutes
      sync_schedule         = module.pharmacy[id].sync_schedule
      reconcile_schedule    = var.reconcile_cron
      api_key_secret        = module.pharmacy[id].drx_api_key_secret_id
      webhook_secret        = module.pharmacy[id].drx_webhook_secret_id
    }
  }
}
