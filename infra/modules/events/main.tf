# Change events: the outbox relay publishes every committed change to one
# topic; the CRM and analysts pull from a subscription. Messages that keep
# failing go to a dead-letter topic, which has its own subscription so that
# nothing published there is dropped (Pub/Sub discards messages published to
# a topic without subscriptions).

locals {
  # Google-managed Pub/Sub service agent; it moves undeliverable messages to
  # the dead-letter topic and must be allowed to do so explicitly.
  pubsub_service_agent = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic" "changes" {
  project                    = var.project_id
  name                       = var.topic_name
  labels                     = var.labels
  message_retention_duration = var.topic_message_retention
}

resource "google_pubsub_topic" "dead_letter" {
  project                    = var.project_id
  name                       = "${var.topic_name}-dead-letter"
  labels                     = var.labels
  message_retention_duration = var.topic_message_retention
}

resource "google_pubsub_subscription" "changes" {
  project                    = var.project_id
  name                       = var.subscription_name
  topic                      = google_pubsub_topic.changes.id
  labels                     = var.labels
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  # Never expire for inactivity: a quiet consumer must not lose its backlog.
  expiration_policy {
    ttl = ""
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }

  depends_on = [google_pubsub_topic_iam_member.dead_letter_publisher]
}

# Holds dead letters until someone inspects and replays them.
resource "google_pubsub_subscription" "dead_letter" {
  project                    = var.project_id
  name                       = "${var.topic_name}-dead-letter-hold"
  topic                      = google_pubsub_topic.dead_letter.id
  labels                     = var.labels
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.dead_letter.name
  role    = "roles/pubsub.publisher"
  member  = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_forwarder" {
  project      = var.project_id
  subscription = google_pubsub_subscription.changes.name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = toset(var.publisher_members)

  project = var.project_id
  topic   = google_pubsub_topic.changes.name
  role    = "roles/pubsub.publisher"
  member  = each.value
}

resource "google_pubsub_subscription_iam_member" "subscriber" {
  for_each = toset(var.subscriber_members)

  project      = var.project_id
  subscription = google_pubsub_subscription.changes.name
  role         = "roles/pubsub.subscriber"
  member       = each.value
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each = toset(var.dead_letter_subscriber_members)

  project      = var.project_id
  subscription = google_pubsub_subscription.dead_letter.name
  role         = "roles/pubsub.subscriber"
  member       = each.value
}
