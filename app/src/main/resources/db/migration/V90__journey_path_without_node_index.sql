-- Every move writes a path row per node passed (4.1M rows for a million customers through a three-node journey), and
-- each row wrote an entry into this index too: a quarter of the cost of a path row. Its only reader was an A/B split
-- looking up when its first customer arrived, once per tick until the winner is chosen; the node keeps that time
-- itself now. The journey page's counts read a journey's path by the primary key's campaign_id, as before.
drop index journey_path_node_idx;

-- when the first customer arrived at an A/B split (of any version: the split's node id), set once by the move there
alter table journey_node add column first_arrived_at timestamptz;

update journey_node n
set first_arrived_at = (select min(p.at) from journey_path p where p.campaign_id = n.campaign_id and p.node_id = n.node_id)
where n.kind = 'SPLIT';
