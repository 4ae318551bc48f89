terraform {
  # 1.9+: variable validations refer to other variables.
  required_version = ">= 1.9"

  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
  }

  # State holds no secret values (see infra/README.md), but it does hold the
  # project's IAM layout: keep the bucket private, versioned, and separate
  # from the source bucket. The bucket is passed at init time:
  #   terraform init -backend-config="bucket=<state bucket>"
  backend "gcs" {
    prefix = "rxbridge/prod"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region

  default_labels = {
    app        = "rxbridge"
    env        = "prod"
    managed-by = "terraform"
  }
}
