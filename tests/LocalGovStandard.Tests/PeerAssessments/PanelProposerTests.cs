using LocalGovStandard.PeerAssessments;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;
using static LocalGovStandard.Tests.PeerAssessments.ProposerInputs;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>The proposal rules, each on its own: the proposer is pure, so these need nothing but its input.</summary>
public sealed class PanelProposerTests
{
    private static readonly DateOnly April2 = new(2027, 4, 2);

    [Fact]
    public void APanel_HasALeadThenOneAssessorPerRole_InTheStandardsOrder_EachPersonOnce()
    {
        var pool = new[]
        {
            Assessor("a1", "Ada Lead", "E09000007", "london", Lead.Id, Design.Id),
            Assessor("a2", "Ben Research", "E09000001", "london", Research.Id),
            Assessor("a3", "Cat Design", "E09000002", "london", Design.Id),
        };

        var proposal = PanelProposer.Propose(Input(pool));

        Assert.True(proposal.IsComplete);
        Assert.Equal([Lead.Id, Research.Id, Design.Id], proposal.Members.Select(m => m.RoleId));
        Assert.Equal(["a1", "a2", "a3"], proposal.Members.Select(m => m.AssessorId));
    }

    [Fact]
    public void WhenTheBestChoiceForTheLeadIsNeededElsewhere_TheSearchStillFindsTheWholePanel()
    {
        // Ada is the nearest lead, but she is also the only designer; Bob can only lead.
        var pool = new[]
        {
            Assessor("a1", "Ada Both", "E09000007", "london", Lead.Id, Design.Id),
            Assessor("a2", "Bob Lead", "E06000001", "scotland", Lead.Id),
            Assessor("a3", "Cy Research", "E09000001", "london", Research.Id),
        };

        var proposal = PanelProposer.Propose(Input(pool));

        Assert.True(proposal.IsComplete);
        Assert.Equal(["a2", "a3", "a1"], proposal.Members.Select(m => m.AssessorId));
    }

    [Fact]
    public void NobodyFromTheAssessedCouncil_EvenTheNearestAndLeastLoaded_AndTheGapSaysSo()
    {
        var pool = new[]
        {
            Assessor("own", "Olu Own", Westminster, "london", Lead.Id, Research.Id, Design.Id),
            Assessor("a1", "Ada Lead", "E09000007", "london", Lead.Id),
            Assessor("a2", "Ben Research", "E09000001", "london", Research.Id),
        };

        var proposal = PanelProposer.Propose(Input(pool));

        Assert.False(proposal.IsComplete);
        Assert.Empty(proposal.Members);
        Assert.Null(proposal.Date);
        Assert.Equal(["No design assessor: 1 approved, from the assessed council"], proposal.Gaps);
    }

    [Fact]
    public void NobodyFromADeclaredConflict_AndTheGapCountsThem()
    {
        var pool = Complete().Append(Assessor("d2", "Dee Design", "E09000005", "london", Design.Id)).ToArray();

        var proposal = PanelProposer.Propose(Input(pool, conflicts: ["E09000003", "E09000005"]));

        Assert.Equal(["No design assessor: 2 approved, both from a declared conflict"], proposal.Gaps);
    }

    [Fact]
    public void TheSamePeerGroup_IsPreferredToANeighbouringRegion_WhichIsPreferredToElsewhere_BeforeLoad()
    {
        var pool = new[]
        {
            Assessor("far", "Fay Far", "S12000047", "scotland", Lead.Id),
            Assessor("next", "Ned Next", "E07000001", "south-east", Lead.Id),
            Assessor("near", "Nia Near", "E09000007", "london", Lead.Id),
            Assessor("next-r", "Rex Next", "E07000002", "south-east", Research.Id),
            Assessor("far-r", "Flo Far", "S12000048", "scotland", Research.Id),
            Assessor("far-d", "Fin Far", "W06000015", "wales", Design.Id),
        };
        var seats = new[] { new PanelSeat("near", new DateOnly(2026, 12, 1)) };

        var proposal = PanelProposer.Propose(Input(pool, seats: seats));

        Assert.Equal(["near", "next-r", "far-d"], proposal.Members.Select(m => m.AssessorId));
        Assert.Equal([Nearness.SamePeerGroup, Nearness.NeighbouringRegion, Nearness.Elsewhere], proposal.Members.Select(m => m.Nearness));
    }

    [Fact]
    public void ForAGroupMadeFromCouncils_ItsCouncilsAreTheSamePeerGroup_NotTheRestOfTheirRegion()
    {
        var pool = new[]
        {
            Assessor("region-only", "Ria Region", "E09000007", "london", Lead.Id),
            Assessor("circle", "Cy Circle", "E07000001", "south-east", Lead.Id),
            Assessor("r", "Rex Research", "E07000002", "south-east", Research.Id),
            Assessor("d", "Dee Design", "W06000015", "wales", Design.Id),
        };

        var proposal = PanelProposer.Propose(Input(pool) with { PeerGroupCouncils = ["E07000001"] });

        Assert.Equal("circle", proposal.Members[0].AssessorId);
        Assert.Equal(Nearness.SamePeerGroup, proposal.Members[0].Nearness);
    }

    [Fact]
    public void AmongEquallyNearAssessors_TheOneWithFewestAssessmentsInTheLast12Months_IsChosen()
    {
        var pool = new[]
        {
            Assessor("busy", "Aaron Busy", "E09000007", "london", Lead.Id),
            Assessor("quiet", "Zara Quiet", "E09000001", "london", Lead.Id),
            Assessor("r", "Ray Research", "E09000002", "london", Research.Id),
            Assessor("d", "Dot Design", "E09000003", "london", Design.Id),
        };
        // Zara sat on two panels, but more than 12 months ago; Aaron on one last month.
        var seats = new[] { new PanelSeat("quiet", new DateOnly(2025, 11, 1)), new PanelSeat("quiet", new DateOnly(2025, 12, 1)), new PanelSeat("busy", new DateOnly(2027, 1, 10)) };

        var proposal = PanelProposer.Propose(Input(pool, seats: seats));

        var lead = proposal.Members[0];
        Assert.Equal("quiet", lead.AssessorId);
        Assert.Equal(0, lead.RecentAssessments);
    }

    [Fact]
    public void AnAssessorAtTheirQuarterlyLimit_IsNotProposedForADateInThatQuarter()
    {
        var pool = Complete().Append(Assessor("spare", "Zed Spare", "E09000009", "london", Lead.Id)).ToArray();
        // a1 gives one a quarter and already has a panel in January to March.
        pool[0] = pool[0] with { PerQuarter = 1 };
        // Zed has more panels behind him, so he is only chosen when a1 cannot be.
        var seats = new[] { new PanelSeat("a1", new DateOnly(2027, 1, 20)), new PanelSeat("spare", new DateOnly(2026, 6, 1)), new PanelSeat("spare", new DateOnly(2026, 9, 1)) };

        var inMarch = PanelProposer.Propose(Input(pool, seats: seats, dates: [March12, March19]));
        var inApril = PanelProposer.Propose(Input(pool, seats: seats, dates: [April2, new DateOnly(2027, 4, 9)]));

        Assert.Equal("spare", inMarch.Members[0].AssessorId);
        Assert.Equal("a1", inApril.Members[0].AssessorId);
    }

    [Fact]
    public void EveryoneIsFreeOnTheChosenDate_WhichIsTheOneThatSuitsMost()
    {
        var pool = new[]
        {
            Assessor("a1", "Ada Lead", "E09000007", "london", Lead.Id) with { Unavailable = [March12] },
            Assessor("a2", "Ben Research", "E09000001", "london", Research.Id),
            Assessor("a3", "Cat Design", "E09000002", "london", Design.Id) with { Unavailable = [March12] },
            Assessor("a4", "Dan Design", "E09000003", "london", Design.Id),
        };

        var proposal = PanelProposer.Propose(Input(pool));

        Assert.Equal(March19, proposal.Date);
        Assert.Equal(["a1", "a2", "a3"], proposal.Members.Select(m => m.AssessorId));
        Assert.StartsWith("19 March 2027: 4 of the 4 eligible assessors are free", proposal.DateExplanation, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenDatesSuitEqually_TheEarliestIsChosen()
    {
        var proposal = PanelProposer.Propose(Input(Complete(), dates: [April2, March19, March12]));

        Assert.Equal(March12, proposal.Date);
    }

    [Fact]
    public void SomeoneFreeOnNoPreferredDate_IsNeverProposed_AndTheGapSaysWhy()
    {
        var pool = Complete();
        pool[2] = pool[2] with { Unavailable = [March12, March19] };

        var proposal = PanelProposer.Propose(Input(pool));

        Assert.Equal(["No design assessor: 1 approved, not available on any preferred date"], proposal.Gaps);
    }

    [Fact]
    public void ARoleNobodyTakes_IsNamedAsMissing()
    {
        var pool = Complete().Where(a => !a.Roles.Contains(Lead.Id)).ToArray();

        var proposal = PanelProposer.Propose(Input(pool));

        Assert.Equal(["No lead assessor: no approved assessor takes this role"], proposal.Gaps);
    }

    [Fact]
    public void WhenEachRoleHasSomeoneButNeverOnTheSameDate_EachDateSaysWhatIsMissing()
    {
        var pool = Complete();
        pool[0] = pool[0] with { Unavailable = [March19] };
        pool[2] = pool[2] with { Unavailable = [March12] };

        var proposal = PanelProposer.Propose(Input(pool));

        Assert.Equal(["On 12 March 2027: no design assessor is free", "On 19 March 2027: no lead assessor is free"], proposal.Gaps);
    }

    [Fact]
    public void TheSameInput_InAnyOrder_GivesTheSamePanel()
    {
        var pool = Enumerable.Range(1, 12)
            .Select(i => Assessor($"id{i:00}", "Pat Same", $"E0900{i:0000}", i % 3 == 0 ? "south-east" : "london", i % 3 == 0 ? Lead.Id : i % 3 == 1 ? Research.Id : Design.Id))
            .ToArray();
        var first = PanelProposer.Propose(Input(pool));

        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var shuffled = pool.ToArray();
            new Random(seed).Shuffle(shuffled);
            var again = PanelProposer.Propose(Input(shuffled));
            Assert.Equal(first.Members, again.Members);
            Assert.Equal(first.Date, again.Date);
        }

        // Equal in nearness, load and name, the lower assessor id wins.
        Assert.Equal(["id03", "id01", "id02"], first.Members.Select(m => m.AssessorId));
    }

    [Fact]
    public void EachChoiceIsExplainedInWords()
    {
        var pool = new[]
        {
            Assessor("a1", "Ada Lead", "E09000007", "london", Lead.Id),
            Assessor("p", "Priya Shah", "E10000016", "south-east", Research.Id) with { CouncilName = "Kent County Council" },
            Assessor("a3", "Cat Design", "E09000002", "london", Design.Id),
        };
        var seats = new[] { new PanelSeat("a1", new DateOnly(2026, 6, 1)) };

        var proposal = PanelProposer.Propose(Input(pool, seats: seats));

        Assert.Equal("Ada Lead, E09000007 council: lead assessor, 1 assessment in the last 12 months, same peer group (London), available 12 March 2027", proposal.Members[0].Explanation);
        Assert.Equal("Priya Shah, Kent County Council: user research, 0 assessments in the last 12 months, neighbouring region (South East), available 12 March 2027", proposal.Members[1].Explanation);
    }

    [Fact]
    public void RegionNeighbours_CoverEveryRegion_AndAreMutual()
    {
        foreach (var region in Regions.All)
        {
            Assert.NotEmpty(RegionNeighbours.Of(region.Slug));
            Assert.All(RegionNeighbours.Of(region.Slug), next =>
            {
                Assert.NotNull(Regions.FromSlug(next));
                Assert.True(RegionNeighbours.AreNeighbours(next, region.Slug), $"{next} does not list {region.Slug}");
            });
        }
    }

    private static ApprovedAssessor[] Complete() =>
    [
        Assessor("a1", "Ada Lead", "E09000007", "london", Lead.Id),
        Assessor("a2", "Ben Research", "E09000001", "london", Research.Id),
        Assessor("a3", "Cat Design", "E09000003", "london", Design.Id),
    ];
}
