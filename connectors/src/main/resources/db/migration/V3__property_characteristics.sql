-- property: the extended physical facts of Characteristics (release Property-2) and the listing's
-- special conditions. Every column is nullable (the Avro fields are optional, default null); names
-- follow the sink's column naming (snake_case, "characteristics_" prefix dropped). Apply before a
-- plugin that writes Property-2 is deployed: the sink never alters the table.
-- String lists (style, materials, foundation, special listing conditions) are RESO values joined
-- with "," in feed order (docs/ingest.md).
ALTER TABLE property
    ADD COLUMN year_built_effective                integer,
    ADD COLUMN below_grade_finished_area_sqft      integer,
    ADD COLUMN below_grade_unfinished_area_sqft    integer,
    ADD COLUMN bathrooms_full                      integer,
    ADD COLUMN bathrooms_half                      integer,
    ADD COLUMN fireplaces_total                    integer,
    ADD COLUMN rooms_total                         integer,
    ADD COLUMN cooling_yn                          boolean,
    ADD COLUMN architectural_style                 text,
    ADD COLUMN construction_materials              text,
    ADD COLUMN foundation_details                  text,
    ADD COLUMN overall_condition                   integer,
    ADD COLUMN pool_private_yn                     boolean,
    ADD COLUMN new_construction_yn                 boolean,
    ADD COLUMN attached_garage_yn                  boolean,
    ADD COLUMN listing_special_listing_conditions  text;

COMMENT ON COLUMN property.overall_condition IS 'Overall condition 1 (very poor) .. 10 (very excellent): local field OverallCondition, not RESO.';
COMMENT ON COLUMN property.listing_special_listing_conditions IS 'RESO SpecialListingConditions of the current listing, values joined with ",".';
