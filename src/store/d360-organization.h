/* d360-organization.h — an organisation the city works with: an embassy, a
 * company, a chamber of commerce, an NGO …
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  D360_ORG_EMBASSY,
  D360_ORG_CONSULATE,
  D360_ORG_MINISTRY,
  D360_ORG_INTERNATIONAL_ORGANIZATION,
  D360_ORG_MUNICIPALITY,
  D360_ORG_COMPANY,
  D360_ORG_INVESTMENT_FUND,
  D360_ORG_CHAMBER_OF_COMMERCE,
  D360_ORG_BUSINESS_ASSOCIATION,
  D360_ORG_NGO,
  D360_ORG_UNIVERSITY,
  D360_ORG_CULTURAL_INSTITUTE,
  D360_ORG_MEDIA,
  D360_ORG_CITY_NETWORK,
  D360_ORG_OTHER,
  D360_N_ORG_KINDS
} D360OrgKind;

/* Keys are the values stored in the database ("embassy", "investment-fund" …);
 * labels are translated, for the user. */
const char *d360_org_kind_to_key    (D360OrgKind  kind);
gboolean    d360_org_kind_from_key  (const char  *key,
                                     D360OrgKind *kind);
const char *d360_org_kind_get_label (D360OrgKind  kind);

#define D360_TYPE_ORGANIZATION (d360_organization_get_type ())

G_DECLARE_FINAL_TYPE (D360Organization, d360_organization, D360, ORGANIZATION, GObject)

/* Properties: "id" (int64, 0 until saved), "name", "kind" (int, D360OrgKind),
 * "country" (ISO 3166-1 alpha-2 or NULL), "city", "website", "email", "phone",
 * "address", "notes", "n-people" (uint, read-only: filled by list models),
 * "updated-at". Every setter emits notify only when the value changes. */

D360Organization *d360_organization_new          (const char       *name);
D360Organization *d360_organization_copy         (D360Organization *self);
gint64       d360_organization_get_id            (D360Organization *self);
const char  *d360_organization_get_name          (D360Organization *self);
void         d360_organization_set_name          (D360Organization *self,
                                                  const char       *name);
D360OrgKind  d360_organization_get_kind          (D360Organization *self);
void         d360_organization_set_kind          (D360Organization *self,
                                                  D360OrgKind       kind);
const char  *d360_organization_get_country       (D360Organization *self);
void         d360_organization_set_country       (D360Organization *self,
                                                  const char       *country);
const char  *d360_organization_get_city          (D360Organization *self);
void         d360_organization_set_city          (D360Organization *self,
                                                  const char       *city);
const char  *d360_organization_get_website       (D360Organization *self);
void         d360_organization_set_website       (D360Organization *self,
                                                  const char       *website);
const char  *d360_organization_get_email         (D360Organization *self);
void         d360_organization_set_email         (D360Organization *self,
                                                  const char       *email);
const char  *d360_organization_get_phone         (D360Organization *self);
void         d360_organization_set_phone         (D360Organization *self,
                                                  const char       *phone);
const char  *d360_organization_get_address       (D360Organization *self);
void         d360_organization_set_address       (D360Organization *self,
                                                  const char       *address);
const char  *d360_organization_get_notes         (D360Organization *self);
void         d360_organization_set_notes         (D360Organization *self,
                                                  const char       *notes);
guint        d360_organization_get_n_people      (D360Organization *self);
const char  *d360_organization_get_updated_at    (D360Organization *self);

G_END_DECLS
