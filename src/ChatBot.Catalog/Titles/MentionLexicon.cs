using System.Collections.Frozen;

namespace ChatBot.Catalog.Titles;

/// <summary>
/// Word lists for mention extraction, in folded form ("didn't" is "didnt"). The common words are everyday English
/// words that are also catalog titles or parts of them ("Her", "It", "Up", "Heat", "Us", "Big", "Taken"). A run of
/// them is read as a title only with more evidence than the words alone.
/// </summary>
internal static class MentionLexicon
{
    public static readonly FrozenSet<string> CommonWords = Words("""
        a about above after again against ago all almost alone along already also always am among an and another any
        anything are around as at away back bad be because been before behind being below best better between big bit
        both but by can cannot come could day did do does doing done down during each early either else enough even ever
        every everything few first for from full get gets getting give go goes going gone good got great had has have
        having he her here hers herself him himself his home how i if in inside instead into is it its itself just keep
        kind know last later least left less let like likes little long look lot lots made make many may maybe me mean
        might mine more most much must my myself near need never new next nice night no none nor not nothing now of off
        often old on once one only or other others our ours out over own part past people perhaps pretty quite rather
        really right same saw say see seen she should since so some something soon still such sure take taken than that
        the their them then there these they thing things think this those though through time to today together
        tomorrow tonight too took toward under until up upon us very want wanted was way we well went were what whatever
        when where whether which while who whole whom whose why will with within without would yes yesterday yet you
        your yours yourself
        zero two three four five six seven eight nine ten eleven twelve thirteen twenty hundred
        accepted accused airplane alive always amateur american angel animal apartment arrival awake baby basic beach bear
        beautiful beginners beloved birth blink bliss blow body bound boy boys brave breathe bridge bright broken brother
        brothers buddy bug bully call camp candy cars castle cats cell chaos chase chef child children choke circle class
        click closer college company confidence contact control core crash crew crush cure dad damage dark darkness deal
        debt detour devil dig dinner double doubt drive driven dust earth edge education elephant empire enemy envy escape
        evolution express eye fall fallen fame family fan fans fear fearless fences fighter firm flight fly focus
        following forgotten fresh friday friend friends frozen fun funeral fury game general genius ghost giant gift
        gifted glory gravity grease greed greedy grey guest hair happiness happening hate heat heaven heavy help hero
        hidden holiday honey hook host hours house human hunger hunt identity insider instinct interview invasion island
        jobs joy judge juice kid kids kill killer killing knowing letter life lion love lover man mask master memories
        milk mirror missing mission monday monster moon mother mud natural net network nobody november oxygen package
        panic paper paradise party passion perfect phenomenon piano player pride prime program promise proof push quest
        race rain reality red redemption rent return revenge ring risk river road rock romance room rope run rush safe
        salt saved score scream secretary shadow shame shine shining signs silence sing sisters sleeper smoke solo source
        special speed spider spirit split spotlight spring spy stand stay steel sting stone stranger strangers strike
        stuck sunshine super survivor switch taxi teeth terminal thief thirst touch tourist town toy toys traffic
        trapped trial trip trust truth twins twisted ugly unknown vacation village visit war warrior watch water wave
        weekend wild wisdom witness wolf woman women wonder woods words wrong youth zone zoom
        movie movies film films watch watched watching seen
        """);

    /// <summary>Nouns right before a title that show it is meant as one ("the movie Up", "that film Her").</summary>
    public static readonly FrozenSet<string> TitleCues = Words("movie film flick documentary");

    /// <summary>Plural nouns after which a single lower-case word describes a kind of movie rather than naming one.</summary>
    public static readonly FrozenSet<string> KindNouns = Words("movies films flicks");

    public static readonly FrozenSet<string> LikedCues = Words("""
        love loved loves loving adore adored adores enjoy enjoyed enjoys enjoying liked favorite favourite fave great
        amazing awesome fantastic brilliant excellent masterpiece wonderful best recommend recommended recommending
        beautiful perfect fun incredible superb outstanding good nice cool gem classic classics lovely stunning fan
        """);

    public static readonly FrozenSet<string> DislikedCues = Words("""
        hate hated hates hating dislike disliked dislikes boring bored awful terrible bad worst horrible overrated dull
        meh disappointing disappointed stupid garbage trash sucked sucks annoying mediocre lame dreadful unwatchable
        pointless painful
        """);

    /// <summary>Words that flip the opinion word after them ("didn't like", "not a fan", "never enjoyed").</summary>
    public static readonly FrozenSet<string> Negations = Words("""
        not never no dont didnt doesnt wasnt isnt arent werent hardly barely cant couldnt wont wouldnt nor neither
        """);

    /// <summary>
    /// Words before "like" that make it a verb of opinion ("I like Heat", "didn't like Tenet") rather than a
    /// preposition ("films like Heat").
    /// </summary>
    public static readonly FrozenSet<string> LikeSubjects = Words("""
        i we you they he she really also always actually totally just still kinda do did dont didnt doesnt would
        """);

    /// <summary>Words that start a clause with an opposite opinion ("... but hated Tenet").</summary>
    public static readonly FrozenSet<string> ContrastWords = Words("but although though however whereas while yet except");

    private static FrozenSet<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
