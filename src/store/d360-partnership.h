/* d360-partnership.h — a partnership of the city
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  D360_PARTNERSHIP_SISTER_CITY,
  D360_PARTNERSHIP_COOPERATION_AGREEMENT,
  D360_PARTNERSHIP_MOU,
  D360_PARTNERSHIP_NETWORK_MEMBERSHIP,
  D360_PARTNERSHIP_INTERNATIONAL_COMMITMENT,  /* Paris Agreement, Covenant of Mayors … */
  D360_N_PARTNERSHIP_KINDS
} D360PartnershipKind;

typedef enum
{
  D360_PARTNERSHIP_PROPOSED,
  D360_PARTNERSHIP_ACTIVE,
  D360_PARTNERSHIP_DORMANT,
  D360_PARTNERSHIP_ENDED,
  D360_N_PARTNERSHIP_STATUSES
} D360PartnershipStatus;

const char *d360_partnership_kind_to_key       (D360PartnershipKind    kind);
gboolean    d360_partnership_kind_from_key     (const char            *key,
                                                D360PartnershipKind   *kind);
const char *d360_partnership_kind_get_label    (D360PartnershipKind    kind);
const char *d360_partnership_status_to_key     (D360PartnershipStatus  status);
gboolean    d360_partnership_status_from_key   (const char            *key,
                                                D360PartnershipStatus *status);
const char *d360_partnership_status_get_label  (D360PartnershipStatus  status);

#define D360_TYPE_PARTNERSHIP (d360_partnership_get_type ())

G_DECLARE_FINAL_TYPE (D360Partnership, d360_partnership, D360, PARTNERSHIP, GObject)

/* Properties: "id", "city-id" (int64), "partner-name", "partner-country"
 * (ISO 3166-1 alpha-2 or NULL), "partner-is-city" (boolean: a city, else an
 * organisation), "kind" (int, D360PartnershipKind), "signed-on" and
 * "expires-on" ("YYYY-MM-DD" or NULL), "status" (int, D360PartnershipStatus),
 * "dimensions" (uint, dimension bits), "notes", "updated-at". */

D360Partnership *d360_partnership_new                (gint64           city_id,
                                                      const char      *partner_name);
gint64           d360_partnership_get_id             (D360Partnership *self);
gint64           d360_partnership_get_city_id        (D360Partnership *self);
const char      *d360_partnership_get_partner_name   (D360Partnership *self);
void             d360_partnership_set_partner_name   (D360Partnership *self,
                                                      const char      *name);
const char      *d360_partnership_get_partner_country (D360Partnership *self);
void             d360_partnership_set_partner_country (D360Partnership *self,
                                                       const char      *country);
gboolean         d360_partnership_get_partner_is_city (D360Partnership *self);
void             d360_partnership_set_partner_is_city (D360Partnership *self,
                                                       gboolean         is_city);
D360PartnershipKind d360_partnership_get_kind        (D360Partnership *self);
void             d360_partnership_set_kind           (D360Partnership *self,
                                                      D360PartnershipKind kind);
const char      *d360_partnership_get_signed_on      (D360Partnership *self);
void             d360_partnership_set_signed_on      (D360Partnership *self,
                                                      const char      *date);
const char      *d360_partnership_get_expires_on     (D360Partnership *self);
void             d360_partnership_set_expires_on     (D360Partnership *self,
                                                      const char      *date);
D360PartnershipStatus d360_partnership_get_status    (D360Partnership *self);
void             d360_partnership_set_status         (D360Partnership *self,
                                                      D360PartnershipStatus status);
guint            d360_partnership_get_dimensions     (D360Partnership *self);
void             d360_partnership_set_dimensions     (D360Partnership *self,
                                                      guint            dimensions);
const char      *d360_partnership_get_notes          (D360Partnership *self);
void             d360_partnership_set_notes          (D360Partnership *self,
                                                      const char      *notes);
const char      *d360_partnership_get_updated_at     (D360Partnership *self);
gboolean         d360_partnership_expires_within     (D360Partnership *self,
                                                      GDate           *today,
                                                      guint            days);

G_END_DECLS
