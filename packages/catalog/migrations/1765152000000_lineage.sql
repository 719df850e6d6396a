-- Up Migration

-- The lineage graph is stored in catalog_versions like the rest of the catalog, one version per distinct
-- content: kind 'edge' (parent: the upstream node, name: `kind|downstream node|tell`, content: the edge) and
-- kind 'lineage_warning' (parent: the node, name: the reference it could not follow). A run derives them from
-- its catalog when it is published, so a run that changed nothing writes none.
-- Downstream walks read edges by parent through the primary key; upstream walks by their target, here.
CREATE INDEX catalog_edges_target_idx ON catalog_versions (connection_id, ((content->>'target') COLLATE "C"))
  WHERE kind = 'edge';

-- Down Migration

DROP INDEX catalog_edges_target_idx;
DELETE FROM catalog_versions WHERE kind IN ('edge', 'lineage_warning');
