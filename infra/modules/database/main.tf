# Cloud SQL for PostgreSQL 15: the one shared state of rxbridge.
#
# Authentication: a built-in Postgres user with a password, handed to the
# functions as DATABASE_URL from Secret Manager. We chose this over IAM
# database authentication because the application connects with plain `pg`
# from one DATABASE_URL (the same code path as local development), and IAM
# auth would need the Cloud SQL connector or a token-refreshing password
# callback in every function.
#
# The password is deliberately NOT created here: neither the user's password
# (google_sql_user.password) nor a google_secret_manager_secret_version can be
# set from Terraform without the value being stored in plain text in state.
# Terraform creates the instance, the database and the EMPTY secret container
# `rxbridge-database-url`; the operator creates the user and adds the secret
# version by hand (see infra/README.md).

locals {
  private_ip = var.private_network != null
}

resource "google_sql_database_instance" "this" {
  project             = var.project_id
  region              = var.region
  name                = var.instance_name
  database_version    = "POSTGRES_15"
  deletion_protection = true

  settings {
    edition                     = "ENTERPRISE"
    tier                        = var.tier
    availability_type           = var.availability_type
    disk_type                   = "PD_SSD"
    disk_size                   = var.disk_size_gb
    disk_autoresize             = true
    deletion_protection_enabled = true
    user_labels                 = var.labels

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = var.backup_start_time
      transaction_log_retention_days = var.transaction_log_retention_days

      backup_retention_settings {
        retained_backups = var.retained_backups
        retention_unit   = "COUNT"
      }
    }

    ip_configuration {
      # With a private network the instance has no public address at all.
      # Without one it gets a public IP with no authorized networks, so it is
      # reachable only through the Cloud SQL Auth Proxy / connectors, which
      # authorize with roles/cloudsql.client and encrypt the connection.
      ipv4_enabled    = !local.private_ip
      private_network = var.private_network
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    maintenance_window {
      day          = 7
      hour         = 4
      update_track = "stable"
    }

    insights_config {
      # Query Insights stores normalized query text (literals removed), so no
      # PHI from parameters ends up in it; client addresses are not recorded.
      query_insights_enabled  = true
      record_application_tags = false
      record_client_address   = false
    }

    dynamic "database_flags" {
      for_each = var.database_flags
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "google_sql_database" "rxbridge" {
  project  = var.project_id
  instance = google_sql_database_instance.this.name
  name     = "rxbridge"
}

# Container only: the operator adds the version, a postgres:// URL for the
# rxbridge user and database (format and TLS options in infra/README.md).
resource "google_secret_manager_secret" "database_url" {
  project   = var.project_id
  secret_id = "rxbridge-database-url"
  labels    = var.labels

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "database_url_accessor" {
  for_each = toset(var.database_url_accessors)

  project   = var.project_id
  secret_id = google_secret_manager_secret.database_url.secret_id
  role      = "roles/secretmanager.secretAccessor"
  member    = each.value
}
