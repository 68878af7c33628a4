// Each end-to-end class starts a whole platform (four .NET processes); one at a time suits a 2-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
